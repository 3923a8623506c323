using Alerts.Application.Persistence;
using Alerts.Domain;
using MassTransit;
using Platform.Contracts.Jobs;
using Platform.Messaging.Inbox;

namespace Alerts.Application.Consumers;

/// <summary>
/// Tells every active admin that a service's tracked job failed or timed out: admins are the ones
/// who can re-run it (<c>POST …/jobs/{type}</c>), and a silently missing risk batch is worse than noise.
/// </summary>
public sealed class JobFailedConsumer(AlertsDb db, TimeProvider clock) : InboxConsumer<JobFailed, AlertsDb>(db)
{
    protected override async Task HandleAsync(JobFailed message, ConsumeContext<JobFailed> context)
    {
        var admins = await Db.ActiveAdminsAsync(context.CancellationToken);
        var forDate = message.BusinessDate is { } date ? $" for {date:yyyy-MM-dd}" : string.Empty;
        var now = clock.GetUtcNow();
        var alerts = admins.Select(admin => Alert.Create(
                admin,
                AlertSeverity.Critical,
                AlertCategory.System,
                $"Job {message.JobType} failed in {message.Service}",
                $"The {message.JobType} job{forDate} in {message.Service} failed: {message.Error} Job id: {message.JobId}.",
                AlertSubject.Job(message.JobId),
                message.EventId,
                now))
            .ToList();
        await Db.AddAlertsAsync(alerts, context.CancellationToken);
    }
}
