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
}
