using Identity.Application.Persistence;
using FluentValidation;
using Identity.Application.Auth;
using Identity.Domain;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Platform.SharedKernel;

namespace Identity.Application.Users;

/// <summary>An administrator creates an account with any roles.</summary>
public sealed record CreateUser(string Email, string Password, string DisplayName, IReadOnlyList<string> Roles) : IRequest<Result<UserView>>;

internal sealed class CreateUserValidator : AbstractValidator<CreateUser>
{
    public CreateUserValidator()
    {
        RuleFor(r => r.Email).ValidEmail();
        RuleFor(r => r.Password).ValidPassword();
        RuleFor(r => r.DisplayName).ValidDisplayName();
        RuleFor(r => r.Roles).ValidRoles();
    }
}

internal sealed class CreateUserHandler(IdentityDb db, UserManager<User> users, TimeProvider clock) : IRequestHandler<CreateUser, Result<UserView>>
{
    public Task<Result<UserView>> Handle(CreateUser request, CancellationToken cancellationToken) =>
        UserCreation.CreateAsync(db, users, request.Email, request.Password, request.DisplayName, request.Roles.Distinct().ToList(), clock);
}
