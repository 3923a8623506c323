using System.Net;
using System.Text;
using Platform.Testing;

namespace Loans.Tests.Api;

/// <summary>The same upload, download and delete with documents kept on a real S3-compatible server (s3rver) instead of the file system.</summary>
public sealed class S3StorageTests
{
    private const string Bucket = "loans-documents";

    private S3rverServer? _server;
    private LoansApiFactory? _factory;

    [OneTimeSetUp]
    public async Task Start()
    {
        var (server, reason) = await S3rverServer.TryStartAsync(Bucket);
        if (server is null)
        {
            // Only a server that cannot be started here skips; one that starts but misbehaves fails the tests.
            Assert.Ignore(reason ?? "s3rver could not be started.");
            return;
        }

        _server = server;
        _factory = LoansService.CreateFactory(new Dictionary<string, string>
        {
            ["Storage:Provider"] = "S3",
            ["Storage:S3:Bucket"] = Bucket,
            ["Storage:S3:ServiceUrl"] = server.ServiceUrl.ToString(),
            ["Storage:S3:AccessKey"] = S3rverServer.AccessKey,
            ["Storage:S3:SecretKey"] = S3rverServer.SecretKey,
            ["Storage:S3:ForcePathStyle"] = "true",
        });
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        _server?.Dispose();
    }

    [Test]
    public async Task Upload_DownloadAndDelete_GoThroughS3()
    {
        var product = await LoanRequests.CreateProductAsync();
        using var officer = _factory!.Officer(out _);
        var booking = await officer.CreateBookingAsync(product);
        var content = Encoding.UTF8.GetBytes("Borrower: Bucketed Holdings AG\nFacility Amount: CHF 12,000,000\n" + new string('x', 300_000));

        var document = await (await officer.UploadAsync(booking, content, "bucketed.txt")).ReadJsonAsync();
        var path = $"/api/v1/loan-bookings/{booking.Id()}/documents/{document.Id()}";
        var download = await officer.GetAsync(path + "/content");
        Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await download.Content.ReadAsByteArrayAsync(), Is.EqualTo(content));
        Assert.That(Directory.Exists(_factory.StorageRoot) && Directory.EnumerateFiles(_factory.StorageRoot, "*", SearchOption.AllDirectories).Any(), Is.False,
            "nothing is written to the file-system store when S3 is configured");

        Assert.That((await officer.DeleteAsync(path)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await officer.GetAsync(path + "/content")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
