namespace Loans.Application.Documents;

/// <summary>The content types intake accepts, as the sniffer reports them, and the file extension each is served with.</summary>
public static class DocumentTypes
{
    public const string Pdf = "application/pdf";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string PlainText = "text/plain; charset=utf-8";
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";

    /// <summary>The extension a download of this type gets, whatever the uploader called the file.</summary>
    /// <exception cref="ArgumentException">Not a type the sniffer reports: a caller bug, not a client mistake.</exception>
    public static string ExtensionFor(string contentType) => contentType switch
    {
        Pdf => ".pdf",
        Docx => ".docx",
        PlainText => ".txt",
        Png => ".png",
        Jpeg => ".jpg",
        _ => throw new ArgumentException($"'{contentType}' is not a content type the sniffer accepts.", nameof(contentType)),
    };
}
