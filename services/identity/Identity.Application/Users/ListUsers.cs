using FluentValidation;
using Identity.Application.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Application;
using Platform.SharedKernel;

namespace Identity.Application.Users;

public sealed record ListUsers(int Page = 1, int PageSize = Paging.DefaultPageSize, string? Search = null, string? Role = null, bool? Active = null)
    : IRequest<Result<PagedList<UserView>>>;

internal sealed class ListUsersValidator : AbstractValidator<ListUsers>
{
    public ListUsersValidator()
    {
        RuleFor(r => r.Page).ValidPage();
        RuleFor(r => r.PageSize).ValidPageSize();
        RuleFor(r => r.Search).MaximumLength(200);
        RuleFor(r => r.Role).Must(role => role is null || PlatformRoles.All.Contains(role)).WithMessage("Unknown role.");
    }
}

internal sealed class ListUsersHandler(IdentityDb db, TimeProvider clock) : IRequestHandler<ListUsers, Result<PagedList<UserView>>>
{
    public async Task<Result<PagedList<UserView>>> Handle(ListUsers request, CancellationToken cancellationToken)
    {
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var pattern = "%" + EscapeLike(request.Search.Trim().ToUpperInvariant()) + "%";
            users = users.Where(u => EF.Functions.Like(u.NormalizedEmail!, pattern, "\\") || EF.Functions.ILike(u.DisplayName, pattern, "\\"));
        }

        if (request.Role is { } role)
        {
            var normalized = role.ToUpperInvariant();
            users = users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.NormalizedName == normalized)));
        }

        if (request.Active is { } active)
        {
            users = active ? users.Where(u => u.DeactivatedAt == null) : users.Where(u => u.DeactivatedAt != null);
        }

        var total = await users.LongCountAsync(cancellationToken);
        var page = await users
            .OrderBy(u => u.NormalizedEmail)
            .TakePage(request.Page, request.PageSize)
            .Select(u => new
            {
                User = u,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
            })
            .ToListAsync(cancellationToken);

        var now = clock.GetUtcNow();
        return new PagedList<UserView>(page.Select(row => UserView.From(row.User, row.Roles, now)).ToList(), request.Page, request.PageSize, total);
    }

    private static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
