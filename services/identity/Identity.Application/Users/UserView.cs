using Identity.Domain;

namespace Identity.Application.Users;

public sealed record UserView(
    Guid Id, string Email, string DisplayName, IReadOnlyList<string> Roles, bool IsActive, bool IsLockedOut,
    DateTimeOffset CreatedAt, DateTimeOffset? DeactivatedAt)
{
    public static UserView From(User user, IEnumerable<string> roles, DateTimeOffset now) => new(
        user.Id, user.Email!, user.DisplayName, roles.Order(StringComparer.Ordinal).ToList(), user.IsActive,
        user.LockoutEnd > now, user.CreatedAt, user.DeactivatedAt);
}
