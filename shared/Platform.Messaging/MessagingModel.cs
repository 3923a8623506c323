using Microsoft.EntityFrameworkCore;
using Platform.Messaging.Inbox;
using Platform.Messaging.Outbox;

namespace Platform.Messaging;

public static class MessagingModel
{
    /// <summary>The outbox and inbox tables in the service's own schema; call before ApplyPlatformConventions.</summary>
    public static ModelBuilder AddMessagingTables(this ModelBuilder modelBuilder)
    {
        modelBuilder.HasSequence<long>(OutboxMessage.SequenceName);
        modelBuilder.Entity<OutboxMessage>(OutboxMessage.Configure);
        modelBuilder.Entity<InboxMessage>(InboxMessage.Configure);
        return modelBuilder;
    }

    /// <summary>The quoted, schema-qualified table of <typeparamref name="T"/> for raw SQL.</summary>
    internal static string TableOf<T>(DbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(T))
            ?? throw new InvalidOperationException($"{db.GetType().Name} has no {typeof(T).Name} table: call AddMessagingTables in OnModelCreating.");
        return $"\"{entity.GetSchema()}\".\"{entity.GetTableName()}\"";
    }
}
