using Microsoft.AspNetCore.Identity;
using Platform.SharedKernel;

namespace Identity.Domain;

/// <summary>A person who signs in. Credentials, lockout and roles are ASP.NET Core Identity's; the rest is ours.</summary>
public sealed class User : IdentityUser<Guid>, IAuditable, IAudited
{
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
        return Result.Ok();
    }
}
