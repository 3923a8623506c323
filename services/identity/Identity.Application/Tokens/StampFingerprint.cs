using System.Security.Cryptography;
using System.Text;

namespace Identity.Application.Tokens;

/// <summary>
/// What user tokens carry of the security stamp (claim <c>sst</c>): a short digest, enough to compare
/// with the current stamp, useless to reconstruct it.
/// </summary>
public static class StampFingerprint
{
    public static string Of(string securityStamp) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(securityStamp)))[..16];

    /// <summary>Whether something carrying <paramref name="fingerprint"/> still speaks for the user: active, stamp unchanged since.</summary>
    public static bool StillValidFor(Identity.Domain.User? user, string? fingerprint) =>
        user is { IsActive: true, SecurityStamp: { } current } && Of(current) == fingerprint;
}
