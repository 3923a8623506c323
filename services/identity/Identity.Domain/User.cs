using Microsoft.AspNetCore.Identity;
using Platform.SharedKernel;

namespace Identity.Domain;

/// <summary>A person who signs in. Credentials, lockout and roles are ASP.NET Core Identity's; the rest is ours.</summary>
public sealed class User : IdentityUser<Guid>, IAuditable, IAudited, IHasDomainEvents
{
    private readonly List<IDomainEvent> _domainEvents = [];

    private User()
    {
    }

    public string DisplayName { get; private set; } = "";

    /// <summary>Set when an admin deactivates the account; a deactivated user cannot sign in or refresh.</summary>
    public DateTimeOffset? DeactivatedAt { get; private set; }

    public bool IsActive => DeactivatedAt is null;

    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }

    public static User Create(string email, string displayName) => new()
    {
        Id = Guid.CreateVersion7(),
        UserName = email.Trim(),
        Email = email.Trim(),
        DisplayName = displayName.Trim(),
        LockoutEnabled = true,
    };

    public void Rename(string displayName) => DisplayName = displayName.Trim();

    public Result Deactivate(Guid actingUserId, DateTimeOffset now)
    {
        if (actingUserId == Id)
        {
            return IdentityErrors.CannotDeactivateSelf;
        }

        if (!IsActive)
        {
            return IdentityErrors.AlreadyDeactivated;
        }

        DeactivatedAt = now;
        _domainEvents.Add(new UserDeactivatedEvent(Id, now));
        return Result.Ok();
    }

    /// <summary>The account exists with these roles (after they were assigned, in the same transaction).</summary>
    public void Registered(IReadOnlyList<string> roles, DateTimeOffset now) => _domainEvents.Add(new UserRegisteredEvent(Id, now, roles));

    /// <summary>The account's roles are now exactly these.</summary>
    public void RolesChanged(IReadOnlyList<string> roles, DateTimeOffset now) => _domainEvents.Add(new UserRolesChangedEvent(Id, now, roles));

    /// <summary>Every session ended (the security stamp has just changed): tokens carrying the old stamp are refused.</summary>
    public void SessionsRevoked(string reason, DateTimeOffset now) => _domainEvents.Add(new UserSessionsRevokedEvent(Id, now, reason));

    /// <summary>Tells the user's whole current state again, for projections that started late.</summary>
    public void Republish(IReadOnlyList<string> roles, DateTimeOffset now) => _domainEvents.Add(new UserStateRepublishedEvent(Id, now, roles));

    public IReadOnlyList<IDomainEvent> DomainEvents => _domainEvents;

    public void ClearDomainEvents() => _domainEvents.Clear();
}
