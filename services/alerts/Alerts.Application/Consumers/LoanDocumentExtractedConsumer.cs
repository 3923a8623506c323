using Alerts.Application.Persistence;
using Alerts.Domain;
using MassTransit;
using Platform.Contracts.Loans;
using Platform.Messaging.Inbox;

namespace Alerts.Application.Consumers;

/// <summary>
/// Tells the uploader, and the booking's officer if someone else, what term extraction found in a
/// document; a scan nothing could read is a warning that the terms must be entered by hand.
/// </summary>
public sealed class LoanDocumentExtractedConsumer(AlertsDb db, TimeProvider clock) : InboxConsumer<LoanDocumentExtracted, AlertsDb>(db)
{
    protected override Task HandleAsync(LoanDocumentExtracted message, ConsumeContext<LoanDocumentExtracted> context)
    {
        var (severity, title, text) = message.NeedsOcr
            ? (AlertSeverity.Warning, "Loan document needs manual entry",
                $"\"{message.FileName}\" on loan booking \"{message.Reference}\" is a scan that needs OCR: no terms could be read from it, so enter them manually.")
            : (AlertSeverity.Info, "Loan document terms extracted",
                $"Terms extracted from \"{message.FileName}\": {LoanText.Fields(message.FieldsFound)} (loan booking \"{message.Reference}\").");
        var now = clock.GetUtcNow();
        var alerts = LoanText.UploaderAndOfficer(message.UploadedBy, message.OfficerId)
            .Select(recipient => Alert.Create(recipient, severity, AlertCategory.Loan, title, text,
                AlertSubject.LoanBooking(message.BookingId), message.EventId, now))
            .ToList();
        return Db.AddAlertsAsync(alerts, context.CancellationToken);
    }
}
