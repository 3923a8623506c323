using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Platform.Messaging.Inbox;

/// <summary>
/// A consumer that applies each message exactly once: the message id is recorded in the service's
/// inbox in the same transaction as the effect, so a redelivery (a relay that crashed before marking,
/// a consumer that died before acknowledging) is acknowledged with no second effect. A duplicate that
/// arrives while the first is still being applied waits on the inbox row, then sees it.
/// </summary>
public abstract class InboxConsumer<TMessage, TDb>(TDb db) : IConsumer<TMessage>
    where TMessage : class
    where TDb : DbContext
{
    protected TDb Db => db;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        // Resolved through the context rather than injected: every service's consumers pass only the db.
        var metrics = db.GetService<MessagingMetrics>();
        var audit = db.GetService<InboxAudit>();
        var messageType = typeof(TMessage).FullName!;
        try
        {
            if (await ApplyOnceAsync(context))
            {
                metrics.Consumed(messageType, GetType().Name);
                audit.Applied(context.MessageId!.Value, GetType().Name);
            }
            else
            {
                metrics.Duplicate(messageType, GetType().Name);
                audit.Duplicate(context.MessageId!.Value, GetType().Name);
            }
        }
        catch (Exception exception) when (!context.CancellationToken.IsCancellationRequested)
        {
            metrics.ConsumeFailed(messageType, GetType().Name, exception);
            throw;
        }
    }

    /// <summary>Returns false for a message this consumer has already applied.</summary>
    private async Task<bool> ApplyOnceAsync(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId
            ?? throw new PermanentMessageException("The message has no id, so it cannot be applied exactly once.");
        var cancellationToken = context.CancellationToken;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The table name comes from the EF model; the values are parameters.
#pragma warning disable EF1003
        var inserted = await db.Database.ExecuteSqlRawAsync(
            $"INSERT INTO {MessagingModel.TableOf<InboxMessage>(db)} (message_id, consumer, message_type, processed_at) " +
            "VALUES ({0}, {1}, {2}, now()) ON CONFLICT DO NOTHING",
            [messageId, GetType().Name, typeof(TMessage).FullName!],
            cancellationToken);
#pragma warning restore EF1003
        if (inserted == 0)
        {
            return false;
        }

        await HandleAsync(context.Message, context);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Applies the message to <see cref="Db"/>: add or change entities, do not save; the base class
    /// saves them with the inbox row in one transaction. Throw <see cref="PermanentMessageException"/>
    /// for a message that can never succeed; anything else is retried.
    /// </summary>
    protected abstract Task HandleAsync(TMessage message, ConsumeContext<TMessage> context);
}
