namespace Loans.Application.Documents;

/// <summary>A PDF is accepted when it is complete, carries nothing that runs or launches, and is not also an archive.</summary>
internal static class PdfInspection
{
    /// <summary>Where the end-of-file marker must be: writers put it last, followed at most by a line end or padding.</summary>
    private const int EofWindow = 1024;

    public static UploadOutcome<string> Inspect(Stream content, CancellationToken cancellationToken)
    {
        var tail = Polyglots.Read(content, Math.Max(0, content.Length - EofWindow), EofWindow);
        if (tail.AsSpan().IndexOf("%%EOF"u8) < 0)
        {
            return DocumentRefusals.Corrupt;
        }

        if (Polyglots.HasZipEndRecord(content))
        {
            return DocumentRefusals.Polyglot;
        }

        var scanner = new PdfNameScanner();
        var buffer = new byte[UploadSpool.BufferSize];
        content.Position = 0;
        int read;
        while ((read = content.Read(buffer)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (scanner.Feed(buffer.AsSpan(0, read)))
            {
                return DocumentRefusals.ActiveContent;
            }
        }

        return scanner.Finish() ? DocumentRefusals.ActiveContent : DocumentTypes.Pdf;
    }
}
