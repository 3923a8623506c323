using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Platform.SharedKernel;

namespace Platform.Persistence;

/// <summary>
/// Stamps audit columns, turns deletes of soft-deletable rows into updates, and appends an audit
/// row for every change to an <see cref="IAudited"/> entity, all inside the caller's SaveChanges
/// (and therefore its transaction).
/// </summary>
internal sealed class AuditingInterceptor(ICurrentUser currentUser, TimeProvider clock) : SaveChangesInterceptor
{
    private const string Redacted = "***";

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            Stamp(context);
        }

        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context)
        {
            Stamp(context);
        }

        return base.SavingChanges(eventData, result);
    }

    private void Stamp(DbContext context)
    {
        var now = clock.GetUtcNow();
        var actor = currentUser.Subject ?? "system";
        var audits = new List<AuditEntry>();

        foreach (var entry in context.ChangeTracker.Entries().ToList())
        {
            if (entry.State == EntityState.Deleted && entry.Entity is ISoftDeletable softDeletable)
            {
                entry.State = EntityState.Modified;
                softDeletable.DeletedAt = now;
            }

            if (entry.Entity is IAuditable auditable)
            {
                if (entry.State == EntityState.Added)
                {
                    auditable.CreatedAt = now;
                    auditable.CreatedBy = actor;
                    auditable.UpdatedAt = now;
                    auditable.UpdatedBy = actor;
                }
                else if (entry.State == EntityState.Modified)
                {
                    auditable.UpdatedAt = now;
                    auditable.UpdatedBy = actor;
                }
            }

            if (entry.Entity is IAudited && entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            {
                if (Describe(entry, now, actor) is { } audit)
                {
                    audits.Add(audit);
                }
            }
        }

        context.Set<AuditEntry>().AddRange(audits);
    }

    private AuditEntry? Describe(EntityEntry entry, DateTimeOffset now, string actor)
    {
        var changes = new Dictionary<string, object?>();
        foreach (var property in entry.Properties)
        {
            var metadata = property.Metadata;
            if (metadata.IsConcurrencyToken || metadata.Name is nameof(IAuditable.UpdatedAt) or nameof(IAuditable.UpdatedBy)
                or nameof(IAuditable.CreatedAt) or nameof(IAuditable.CreatedBy))
            {
                continue;
            }

            var before = entry.State == EntityState.Added ? null : property.OriginalValue;
            var after = entry.State == EntityState.Deleted ? null : property.CurrentValue;
            if (Equals(before, after) || (entry.State == EntityState.Modified && !property.IsModified))
            {
                continue;
            }

            var redacted = metadata.FindAnnotation(ModelConventions.AuditRedactedAnnotation)?.Value is true;
            changes[metadata.Name] = redacted
                ? new { before = before is null ? null : Redacted, after = after is null ? null : Redacted }
                : new { before, after };
        }

        if (changes.Count == 0)
        {
            return null;
        }

        var action = entry.State switch
        {
            EntityState.Added => "created",
            EntityState.Deleted => "deleted",
            _ when entry.Entity is ISoftDeletable { DeletedAt: not null } && changes.ContainsKey(nameof(ISoftDeletable.DeletedAt)) => "deleted",
            _ when entry.Entity is ISoftDeletable && changes.ContainsKey(nameof(ISoftDeletable.DeletedAt)) => "restored",
            _ => "updated",
        };

        var key = entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue?.ToString());
        return new AuditEntry
        {
            OccurredAt = now,
            EntityType = entry.Metadata.ClrType.Name,
            EntityId = string.Join('/', key),
            Action = action,
            Actor = actor,
            RequestId = currentUser.RequestId,
            Changes = JsonSerializer.Serialize(changes, JsonOptions),
        };
    }

    // Property names in the changes object follow the API's camelCase, like the views clients see.
    // Enums as the API writes them (camelCase strings), not as numbers nobody can read back.
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DictionaryKeyPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
