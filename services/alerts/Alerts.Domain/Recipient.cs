namespace Alerts.Domain;

/// <summary>
/// What alerts needs to know about a user, projected from identity's events: who they are, their
/// roles (who reviews deals) and whether they are still active. Events may arrive out of order, so
/// each change carries its time and an older one than the last applied is ignored.
/// </summary>
public sealed class Recipient
{
    private Recipient()
    {
    }

    public Guid UserId { get; private set; }
    public string? Email { get; private set; }
    public string? DisplayName { get; private set; }
    public List<string> Roles { get; private set; } = [];
    public bool Active { get; private set; }
    public DateTimeOffset LastEventAt { get; private set; }

    public static Recipient Registered(Guid userId, string email, string displayName, IEnumerable<string> roles, DateTimeOffset occurredAt) => new()
    {
        UserId = userId,
        Email = email,
        DisplayName = displayName,
        Roles = Normalize(roles),
        Active = true,
        LastEventAt = occurredAt,
    };

    /// <summary>A user known only from a later event (its registration has not arrived yet).</summary>
    public static Recipient Placeholder(Guid userId, DateTimeOffset occurredAt) => new()
    {
        UserId = userId,
        Active = true,
        LastEventAt = occurredAt,
    };

    /// <summary>A user known from a full snapshot of their state (identity's re-sync).</summary>
    public static Recipient Synchronized(Guid userId, string email, string displayName, IEnumerable<string> roles, bool active, DateTimeOffset occurredAt) => new()
    {
        UserId = userId,
        Email = email,
        DisplayName = displayName,
        Roles = Normalize(roles),
        Active = active,
        LastEventAt = occurredAt,
    };

    public bool IsReviewer => Roles.Contains(RecipientRoles.Reviewer, StringComparer.Ordinal);

    public void ApplyRegistration(string email, string displayName, IEnumerable<string> roles, DateTimeOffset occurredAt)
    {
        if (occurredAt < LastEventAt)
        {
            // A late registration still tells who the user is; only their state is newer elsewhere.
            Email ??= email;
            DisplayName ??= displayName;
            return;
        }

        Email = email;
        DisplayName = displayName;
        Roles = Normalize(roles);
        LastEventAt = occurredAt;
    }

    public void ApplyRoles(IEnumerable<string> roles, DateTimeOffset occurredAt)
    {
        if (occurredAt < LastEventAt)
        {
            return;
        }

        Roles = Normalize(roles);
        LastEventAt = occurredAt;
    }

    public void ApplySnapshot(string email, string displayName, IEnumerable<string> roles, bool active, DateTimeOffset occurredAt)
    {
        if (occurredAt < LastEventAt)
        {
            Email ??= email;
            DisplayName ??= displayName;
            return;
        }

        Email = email;
        DisplayName = displayName;
        Roles = Normalize(roles);
        Active = active;
        LastEventAt = occurredAt;
    }

    public void ApplyDeactivation(DateTimeOffset occurredAt)
    {
        if (occurredAt < LastEventAt)
        {
            return;
        }

        Active = false;
        LastEventAt = occurredAt;
    }

    private static List<string> Normalize(IEnumerable<string> roles) =>
        roles.Where(role => !string.IsNullOrWhiteSpace(role)).Select(role => role.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
}

public static class RecipientRoles
{
    public const string Reviewer = "reviewer";
}
