using Microsoft.AspNetCore.Http;

namespace Loans.Application.Documents;

/// <summary>
/// Every reason an upload is refused, in one place so the codes stay stable. Only clean PDF, DOCX,
/// plain text, PNG and JPEG are accepted: a file with macros, a second format hidden inside, a
/// decompression bomb or active content is not one of those, so it is a 415 like any other type, and
/// its error code says which rule it broke.
/// </summary>
public static class DocumentRefusals
{
    public static readonly UploadRefusal NotMultipart = new(StatusCodes.Status415UnsupportedMediaType, "document.not_multipart",
        "Send the document as multipart/form-data with one file part.");

    public static readonly UploadRefusal MalformedMultipart = new(StatusCodes.Status400BadRequest, "document.malformed_multipart",
        "The multipart body could not be read: check its boundaries and headers, and send only the file and small form fields.");

    public static readonly UploadRefusal FileMissing = new(StatusCodes.Status400BadRequest, "document.file_missing",
        "The request has no file part: send the document as a form field with a file name.");

    public static readonly UploadRefusal TooManyFiles = new(StatusCodes.Status400BadRequest, "document.too_many_files",
        "Send one file per request.");

    public static readonly UploadRefusal Empty = new(StatusCodes.Status400BadRequest, "document.empty", "The file is empty.");

    public static readonly UploadRefusal UnsupportedType = new(StatusCodes.Status415UnsupportedMediaType, "document.unsupported_type",
        "Accepted documents are PDF, DOCX, plain UTF-8 text, PNG and JPEG; the type is read from the content, not the file name.");

    public static readonly UploadRefusal Encrypted = new(StatusCodes.Status415UnsupportedMediaType, "document.unsupported_type",
        "The document is encrypted and cannot be checked: upload it without a password.");

    public static readonly UploadRefusal Executable = new(StatusCodes.Status415UnsupportedMediaType, "document.executable",
        "The file is a program or script, whatever its name says.");

    public static readonly UploadRefusal Polyglot = new(StatusCodes.Status415UnsupportedMediaType, "document.polyglot",
        "The file is valid as more than one format (for example an image with an archive appended); save it again from its application.");

    public static readonly UploadRefusal Macros = new(StatusCodes.Status415UnsupportedMediaType, "document.macros",
        "The document carries macros or embedded controls; save it as a plain .docx without them.");

    public static readonly UploadRefusal ZipBomb = new(StatusCodes.Status415UnsupportedMediaType, "document.zip_bomb",
        "The document expands to far more data than a real document does.");

    public static readonly UploadRefusal Corrupt = new(StatusCodes.Status415UnsupportedMediaType, "document.corrupt",
        "The file starts like an accepted type but its structure is broken.");

    public static readonly UploadRefusal ActiveContent = new(StatusCodes.Status415UnsupportedMediaType, "document.active_content",
        "The document carries scripts, launch actions, embedded files or external objects; save it without them.");

    /// <summary>The configured limit, in the message, so the client knows what to send instead.</summary>
    public static UploadRefusal TooLarge(long maxBytes) => new(StatusCodes.Status413PayloadTooLarge, "document.too_large",
        $"A document is at most {maxBytes} bytes.");
}
