namespace Identity.Application.Tokens;

/// <summary>Issuer and audience of the tokens this service issues; bound from the shared <c>Auth</c> section.</summary>
public sealed class TokenAudienceOptions
{
    /// <summary>Exactly the <c>iss</c> of every token, as configured: no slash added, whatever host the request used.</summary>
    public string Issuer { get; set; } = "";

    public string Audience { get; set; } = "platform-api";
}
