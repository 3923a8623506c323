namespace Loans.Application.Extraction;

/// <summary>The sniffed content types a term sheet can have.</summary>
public static class DocumentContentTypes
{
    public const string Pdf = "application/pdf";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string PlainText = "text/plain";
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
}
