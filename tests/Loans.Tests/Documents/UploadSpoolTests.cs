using System.Security.Cryptography;
using System.Text;
using Loans.Application.Documents;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Loans.Tests.Documents;

/// <summary>Reading the one file of a real multipart body into a temporary file, and every way of refusing one.</summary>
public sealed class UploadSpoolTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() =>
        _directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "loans-spool-tests", Guid.NewGuid().ToString("N"))).FullName;

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(_directory, recursive: true);

    private UploadSpool Spool(long maxBytes = UploadSpoolOptions.DefaultMaxBytes) =>
        new(new UploadSpoolOptions { MaxBytes = maxBytes, Directory = _directory });

    private Task<UploadOutcome<SpooledUpload>> ReadAsync(byte[] body, long maxBytes = UploadSpoolOptions.DefaultMaxBytes) =>
        Spool(maxBytes).ReadAsync(MultipartBody.Request(body), CancellationToken.None);

    private string[] SpooledFiles => Directory.GetFiles(_directory);

    [Test]
    public async Task OneFile_IsSpooled_WithItsLengthHashAndName_AndDeletedOnDispose()
    {
        var content = DocumentSamples.Pdf();
        var body = new MultipartBody().Field("description", "signed copy").File(content).Complete();

        var outcome = await ReadAsync(body);

        Assert.That(outcome.IsAccepted, Is.True, () => outcome.Refusal!.Code);
        using (var upload = outcome.Value)
        {
            Assert.That(upload.OriginalFileName, Is.EqualTo("agreement.pdf"));
            Assert.That(upload.Length, Is.EqualTo(content.Length));
            Assert.That(upload.Sha256, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(content))));
            await using var first = upload.OpenRead();
            await using var second = upload.OpenRead();
            using var copy = new MemoryStream();
            await first.CopyToAsync(copy);
            Assert.That(copy.ToArray(), Is.EqualTo(content));
            Assert.That(second.CanSeek && second.Position == 0, Is.True, "each reader starts at the beginning");
            Assert.That(new ContentSniffer().Sniff(second).Value, Is.EqualTo(DocumentTypes.Pdf));
            Assert.That(SpooledFiles, Has.Length.EqualTo(1));
        }

        Assert.That(SpooledFiles, Is.Empty, "disposing the upload deletes the temporary file");
    }

    [Test]
    public async Task SameContentTwice_HasTheSameHash()
    {
        var content = Encoding.UTF8.GetBytes("the same signed page");
        using var first = (await ReadAsync(new MultipartBody().File(content, "filename=\"a.txt\"").Complete())).Value;
        using var second = (await ReadAsync(new MultipartBody().File(content, "filename=\"b.txt\"").Complete())).Value;

        Assert.That(second.Sha256, Is.EqualTo(first.Sha256));
    }

    [TestCase("filename=\"C:\\Users\\x\\doc.pdf\"", "C:\\Users\\x\\doc.pdf")]
    [TestCase("filename=\"a.pdf\"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf", "résumé.pdf")]
    [TestCase("filename*=UTF-8''%E2%80%AEgpj.exe", "\u202Egpj.exe")]
    [TestCase("filename=\"../../etc/passwd\"", "../../etc/passwd")]
    public async Task TheFileName_IsReturnedRaw_ForDocumentFileNameToJudge(string disposition, string expected)
    {
        using var upload = (await ReadAsync(new MultipartBody().File("x"u8.ToArray(), disposition).Complete())).Value;
        Assert.That(upload.OriginalFileName, Is.EqualTo(expected));
    }

    [Test]
    public async Task AFileOfExactlyTheLimit_IsAccepted_OneByteMore_IsRefused()
    {
        using (var upload = (await ReadAsync(new MultipartBody().File(new byte[1000]).Complete(), maxBytes: 1000)).Value)
        {
            Assert.That(upload.Length, Is.EqualTo(1000));
        }

        var refused = await ReadAsync(new MultipartBody().File(new byte[1001]).Complete(), maxBytes: 1000);
        Assert.That(refused.Refusal!.Code, Is.EqualTo("document.too_large"));
        Assert.That(refused.Refusal.StatusCode, Is.EqualTo(StatusCodes.Status413PayloadTooLarge));
        Assert.That(SpooledFiles, Is.Empty, "a refused upload leaves nothing on disk");
    }

    [Test]
    public async Task TwentyMegabytesAndOneByte_IsRefused_WithoutReadingTheRestOfTheBody()
    {
        // Two more megabytes follow the first byte over the limit; the spool must stop long before them.
        var body = new MultipartBody().File(new byte[UploadSpoolOptions.DefaultMaxBytes + 1 + (2 * 1024 * 1024)]).Complete();
        var counting = new CountingStream(new MemoryStream(body, writable: false));

        var outcome = await Spool().ReadAsync(MultipartBody.Request(counting), CancellationToken.None);

        Assert.That(outcome.Refusal!.Code, Is.EqualTo("document.too_large"));
        Assert.That(counting.BytesRead, Is.LessThan(UploadSpoolOptions.DefaultMaxBytes + (256 * 1024)));
        Assert.That(SpooledFiles, Is.Empty);
    }

    [Test]
    public async Task TwentyMegabytes_IsAccepted()
    {
        var content = new byte[UploadSpoolOptions.DefaultMaxBytes];
        new Random(5).NextBytes(content);

        using var upload = (await ReadAsync(new MultipartBody().File(content).Complete())).Value;

        Assert.That(upload.Length, Is.EqualTo(UploadSpoolOptions.DefaultMaxBytes));
        Assert.That(upload.Sha256, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(content))));
    }

    [Test]
    public async Task AnEmptyFile_IsRefused()
    {
        var outcome = await ReadAsync(new MultipartBody().File([]).Complete());

        Assert.That(outcome.Refusal!.Code, Is.EqualTo("document.empty"));
        Assert.That(SpooledFiles, Is.Empty);
    }

    [Test]
    public async Task TwoFiles_AreRefused_AndTheFirstIsNotLeftBehind()
    {
        var body = new MultipartBody().File("one"u8.ToArray()).File("two"u8.ToArray(), "filename=\"second.pdf\"").Complete();

        var outcome = await ReadAsync(body);

        Assert.That(outcome.Refusal!.Code, Is.EqualTo("document.too_many_files"));
        Assert.That(outcome.Refusal.StatusCode, Is.EqualTo(StatusCodes.Status400BadRequest));
        Assert.That(SpooledFiles, Is.Empty);
    }

    [Test]
    public async Task NoFilePart_IsRefused() =>
        Assert.That((await ReadAsync(new MultipartBody().Field("description", "forgot the file").Complete())).Refusal!.Code,
            Is.EqualTo("document.file_missing"));

    [TestCase("application/pdf")]
    [TestCase("application/json")]
    [TestCase("multipart/mixed; boundary=abc")]
    [TestCase("multipart/form-data")]
    [TestCase("")]
    public async Task ABodyThatIsNotMultipartFormData_IsRefused(string contentType)
    {
        var outcome = await Spool().ReadAsync(MultipartBody.Request(DocumentSamples.Pdf(), contentType), CancellationToken.None);

        Assert.That(outcome.Refusal!.Code, Is.EqualTo("document.not_multipart"));
        Assert.That(outcome.Refusal.StatusCode, Is.EqualTo(StatusCodes.Status415UnsupportedMediaType));
    }

    [Test]
    public async Task ABodyThatEndsBeforeItsClosingBoundary_IsMalformed()
    {
        var outcome = await ReadAsync(new MultipartBody().File(DocumentSamples.Pdf()).Unterminated());

        Assert.That(outcome.Refusal!.Code, Is.EqualTo("document.malformed_multipart"));
        Assert.That(SpooledFiles, Is.Empty);
    }

    [Test]
    public async Task AnOversizedFormField_IsRefused()
    {
        var body = new MultipartBody().Field("description", new string('x', UploadSpool.MaxFieldBytes + 1)).File("x"u8.ToArray()).Complete();
        Assert.That((await ReadAsync(body)).Refusal!.Code, Is.EqualTo("document.malformed_multipart"));
    }

    [Test]
    public async Task TheRefusal_IsAProblemResponseWithItsStatusAndCode()
    {
        var refusal = (await ReadAsync(new MultipartBody().File([]).Complete())).Refusal!;
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Response.Body = new MemoryStream();

        await DocumentRefusals.TooLarge(20).ToProblem().ExecuteAsync(context);
        context.Response.Body.Position = 0;
        var json = await new StreamReader(context.Response.Body).ReadToEndAsync();

        Assert.That(refusal.StatusCode, Is.EqualTo(StatusCodes.Status400BadRequest));
        Assert.That(context.Response.StatusCode, Is.EqualTo(StatusCodes.Status413PayloadTooLarge));
        Assert.That(json, Does.Contain("\"errorCode\":\"document.too_large\""));
    }
}
