namespace Identity.Application.Tokens;

/// <summary>What a successful grant returns; the endpoints shape it as RFC 6749 or as our JSON.</summary>
public sealed record TokenSet(string AccessToken, int ExpiresIn, string Scope, string? RefreshToken, DateTimeOffset? RefreshTokenExpiresAt);
