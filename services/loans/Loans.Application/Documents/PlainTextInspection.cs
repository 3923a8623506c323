using System.Text;

namespace Loans.Application.Documents;

/// <summary>
/// Text is accepted when every byte decodes as UTF-8 and no character is a control other than the
/// usual layout ones. Binary formats fail this within their first few bytes, so anything unrecognised
/// that is not clean text is refused rather than stored as "text".
/// </summary>
internal static class PlainTextInspection
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static UploadOutcome<string> Inspect(Stream content, CancellationToken cancellationToken)
    {
        var decoder = Strict.GetDecoder();
        var bytes = new byte[UploadSpool.BufferSize];
        var chars = new char[Strict.GetMaxCharCount(bytes.Length)];
        var printable = false;
        content.Position = 0;
        try
        {
            int read;
            do
            {
                cancellationToken.ThrowIfCancellationRequested();
                read = content.Read(bytes);
                // The final call (nothing read) flushes: a file ending inside a character is invalid too.
                var decoded = decoder.GetChars(bytes, 0, read, chars, 0, flush: read == 0);
                foreach (var c in chars.AsSpan(0, decoded))
                {
                    if (char.IsControl(c) && c < ' ' && c is not ('\t' or '\n' or '\r' or '\f'))
                    {
                        return DocumentRefusals.UnsupportedType;
                    }

                    // The byte order mark decodes to U+FEFF, which shows nothing.
                    printable |= !char.IsWhiteSpace(c) && !char.IsControl(c) && c != '\uFEFF';
                }
            }
            while (read > 0);
        }
        catch (DecoderFallbackException)
        {
            return DocumentRefusals.UnsupportedType;
        }

        return printable ? DocumentTypes.PlainText : DocumentRefusals.UnsupportedType;
    }
}
