using Platform.SharedKernel;

namespace Loans.Application.Sheets;

public static class SheetErrors
{
    public static readonly Error Stale = Error.PreconditionFailed("booking_sheet.stale", "The booking sheet has changed since you read it (extraction or another edit); reload it and try again.");
    public static readonly Error VersionRequired = Error.PreconditionRequired("booking_sheet.version_required",
        "Send If-Match with the sheet's ETag (\"0\" before it exists), so extracted values or another edit are not overwritten unseen.");
}
