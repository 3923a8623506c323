using System.Text;
using Loans.Application.Documents;
using Microsoft.Net.Http.Headers;

namespace Loans.Tests.Documents;

/// <summary>Cleaning the client's file name, and the Content-Disposition a download is served with.</summary>
public sealed class DocumentFileNameTests
{
    private static string Normalized(string? original)
    {
        var result = DocumentFileName.Normalize(original);
        Assert.That(result.IsSuccess, Is.True, () => result.Error!.Code);
        return result.Value;
    }

    [TestCase("agreement.pdf", "agreement.pdf")]
    [TestCase("../../etc/passwd", "passwd")]
    [TestCase("C:\\Users\\x\\doc.pdf", "doc.pdf")]
    [TestCase("uploads/..\\..", "document")]
    [TestCase("dir/", "document")]
    [TestCase("  .hidden report.pdf. . ", "hidden report.pdf")]
    [TestCase("..", "document")]
    [TestCase("", "document")]
    [TestCase(null, "document")]
    [TestCase("Zoë's résumé 📄.docx", "Zoë's résumé 📄.docx")]
    public void Normalize_StripsDirectoriesAndTrims(string? original, string expected) =>
        Assert.That(Normalized(original), Is.EqualTo(expected));

    [TestCase("a\0b.pdf")]
    [TestCase("line\r\nbreak.pdf")]
    [TestCase("tab\tname.pdf")]
    [TestCase("c1\u0085control.pdf")]
    [TestCase("invoice\u202Efdp.exe")]
    [TestCase("\u202Egpj.exe")]
    [TestCase("isolate\u2066x\u2069.pdf")]
    [TestCase("embedding\u202Ax.pdf")]
    public void Normalize_RefusesNamesThatDisplayAsSomethingElse(string original)
    {
        var result = DocumentFileName.Normalize(original);

        Assert.That(result.IsSuccess, Is.False);
        Assert.That(result.Error!.Code, Is.EqualTo("document.file_name_invalid"));
        Assert.That(Platform.ServiceDefaults.Errors.ProblemResults.StatusCodeFor(result.Error.Kind), Is.EqualTo(400));
    }

    [Test]
    public void Normalize_RefusesALoneSurrogate()
    {
        // Built at run time: an attribute argument cannot carry a lone surrogate through metadata.
        var original = "lone" + (char)0xD800 + "surrogate.pdf";
        Assert.That(DocumentFileName.Normalize(original).Error?.Code, Is.EqualTo("document.file_name_invalid"));
    }

    [Test]
    public void Normalize_CutsLongNamesTo255Utf8Bytes_KeepingTheExtension()
    {
        var ascii = Normalized(new string('a', 300) + ".pdf");
        Assert.That(Encoding.UTF8.GetByteCount(ascii), Is.EqualTo(255));
        Assert.That(ascii, Does.EndWith("a.pdf"));

        var accented = Normalized(string.Concat(Enumerable.Repeat("é", 300)) + ".docx");
        Assert.That(Encoding.UTF8.GetByteCount(accented), Is.LessThanOrEqualTo(255));
        Assert.That(accented, Does.EndWith("é.docx"), "cut on a whole character");

        var emoji = Normalized(string.Concat(Enumerable.Repeat("📄", 100)) + ".txt");
        Assert.That(Encoding.UTF8.GetByteCount(emoji), Is.LessThanOrEqualTo(255));
        Assert.That(emoji.EnumerateRunes().All(rune => rune.Value == 0x1F4C4 || rune.Value < 128), Is.True, "no surrogate pair is split");

        var noExtension = Normalized(new string('b', 300));
        Assert.That(noExtension, Is.EqualTo(new string('b', 255)));
    }

    [Test]
    public void ContentDisposition_IsAnAttachment_WithAnAsciiFallbackAndTheExactUtf8Name()
    {
        var header = DocumentFileName.ContentDispositionFor("résumé (final).pdf", DocumentTypes.Pdf);

        Assert.That(header, Is.EqualTo("attachment; filename=\"r_sum_ (final).pdf\"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%28final%29.pdf"));
        var parsed = ContentDispositionHeaderValue.Parse(header);
        Assert.That(parsed.DispositionType.Value, Is.EqualTo("attachment"));
        Assert.That(parsed.FileNameStar.Value, Is.EqualTo("résumé (final).pdf"));
        Assert.That(HeaderUtilities.RemoveQuotes(parsed.FileName).Value, Is.EqualTo("r_sum_ (final).pdf"));
    }

    [Test]
    public void ContentDisposition_QuotesEvenASimpleName() =>
        Assert.That(DocumentFileName.ContentDispositionFor("scan.png", DocumentTypes.Png),
            Is.EqualTo("attachment; filename=\"scan.png\"; filename*=UTF-8''scan.png"));

    [TestCase("invoice.exe", "image/png", "invoice.png")]
    [TestCase("contract", "application/pdf", "contract.pdf")]
    [TestCase("contract.PDF", "application/pdf", "contract.PDF")]
    [TestCase("photo.jpeg", "image/jpeg", "photo.jpeg")]
    [TestCase("photo.png", "image/jpeg", "photo.jpg")]
    [TestCase("notes.md", "text/plain; charset=utf-8", "notes.txt")]
    [TestCase("terms.doc", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "terms.docx")]
    [TestCase(".pdf", "application/pdf", "document.pdf")]
    public void ContentDisposition_UsesTheExtensionOfTheSniffedType(string storedName, string contentType, string expected) =>
        Assert.That(ContentDispositionHeaderValue.Parse(DocumentFileName.ContentDispositionFor(storedName, contentType)).FileNameStar.Value,
            Is.EqualTo(expected));

    [Test]
    public void ContentDisposition_DropsQuotesAndBackslashesFromTheFallback_AndNeverBreaksTheHeader()
    {
        var header = DocumentFileName.ContentDispositionFor("a\"b\\c;\r\nSet-Cookie: x=1.docx", DocumentTypes.Docx);

        Assert.That(header, Does.Not.Contain("\r").And.Not.Contain("\n"));
        Assert.That(header, Does.StartWith("attachment; filename=\"abc;__Set-Cookie: x=1.docx\"; filename*=UTF-8''"));
        Assert.That(ContentDispositionHeaderValue.Parse(header).FileNameStar.Value, Is.EqualTo("a\"b\\c;\r\nSet-Cookie: x=1.docx"));
    }

    [Test]
    public void ContentDisposition_OfANameWithNoAsciiLeft_FallsBackToDocument()
    {
        Assert.That(DocumentFileName.ContentDispositionFor("\"\".pdf", DocumentTypes.Pdf), Does.StartWith("attachment; filename=\"document.pdf\""));
        Assert.That(DocumentFileName.ContentDispositionFor("報告.pdf", DocumentTypes.Pdf), Does.StartWith("attachment; filename=\"__.pdf\""));
    }

    [Test]
    public void ContentDisposition_ForATypeTheSnifferNeverReports_IsACallerBug() =>
        Assert.That(() => DocumentFileName.ContentDispositionFor("a.gif", "image/gif"), Throws.ArgumentException);
}
