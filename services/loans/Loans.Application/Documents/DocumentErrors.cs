using Platform.SharedKernel;

namespace Loans.Application.Documents;

public static class DocumentErrors
{
    public static readonly Error NotFound = Error.NotFound("document.not_found", "No document with this id on this booking.");
    public static readonly Error NotUploader = Error.Forbidden("document.not_uploader", "Only the booking's officer or an admin adds or removes its documents.");
    public static readonly Error ContentMissing = Error.Unavailable("document.content_unavailable", "The document's content cannot be read from storage right now; try again later.");
}
