namespace Identity.Application.Tokens;

public static class GrantTypes
{
    public const string Password = "password";
    public const string RefreshToken = "refresh_token";
    public const string ClientCredentials = "client_credentials";
}
