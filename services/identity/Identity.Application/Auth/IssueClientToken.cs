using Identity.Application.Tokens;
using Identity.Domain;
using MediatR;
using Platform.SharedKernel;

namespace Identity.Application.Auth;

/// <summary>The client-credentials grant for service-to-service calls: an access token, never a refresh token.</summary>
public sealed record IssueClientToken(string? ClientId, string? ClientSecret, string? Scope) : IRequest<Result<TokenSet>>;

internal sealed class IssueClientTokenHandler(ClientAuthenticator clients, TokenIssuer tokens) : IRequestHandler<IssueClientToken, Result<TokenSet>>
{
    public Task<Result<TokenSet>> Handle(IssueClientToken request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.ClientId))
        {
            return Task.FromResult<Result<TokenSet>>(IdentityErrors.InvalidClient);
        }

        var client = clients.Authenticate(request.ClientId, request.ClientSecret, GrantTypes.ClientCredentials);
        if (!client.IsSuccess)
        {
            return Task.FromResult<Result<TokenSet>>(client.Error!);
        }

        var requested = (request.Scope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var scopes = requested.Length == 0 ? client.Value.AllowedScopes : requested.ToList();
        if (scopes.Count == 0 || scopes.Any(scope => !client.Value.AllowedScopes.Contains(scope)))
        {
            return Task.FromResult<Result<TokenSet>>(IdentityErrors.InvalidScope);
        }

        var scope = string.Join(' ', scopes);
        var accessToken = tokens.CreateAccessToken(client.Value.ClientId, client.Value.Roles, scope, client.Value.ClientId, email: null);
        return Task.FromResult<Result<TokenSet>>(new TokenSet(accessToken, (int)tokens.AccessTokenLifetime.TotalSeconds, scope, null, null));
    }
}
