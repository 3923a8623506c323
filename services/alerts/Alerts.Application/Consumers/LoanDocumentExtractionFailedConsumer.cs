using Alerts.Application.Persistence;
using Alerts.Domain;
using MassTransit;
using Platform.Contracts.Loans;
using Platform.Messaging.Inbox;

namespace Alerts.Application.Consumers;

/// <summary>Tells the uploader, and the booking's officer if someone else, that term extraction gave up on a document, and why.</summary>
public sealed class LoanDocumentExtractionFailedConsumer(AlertsDb db, TimeProvider clock) : InboxConsumer<LoanDocumentExtractionFailed, AlertsDb>(db)
{
    protected override Task HandleAsync(LoanDocumentExtractionFailed message, ConsumeContext<LoanDocumentExtractionFailed> context)
    {
        var text = $"Terms could not be extracted from \"{message.FileName}\" on loan booking \"{message.Reference}\": {message.Reason}";
        var now = clock.GetUtcNow();
        var alerts = LoanText.UploaderAndOfficer(message.UploadedBy, message.OfficerId)
            .Select(recipient => Alert.Create(recipient, AlertSeverity.Warning, AlertCategory.Loan, "Loan document extraction failed", text,
                AlertSubject.LoanBooking(message.BookingId), message.EventId, now))
            .ToList();
        return Db.AddAlertsAsync(alerts, context.CancellationToken);
    }
}
