using System.Globalization;
using StackExchange.Redis;

namespace Platform.ServiceDefaults.Auth;

/// <summary>One user's current revocation: tokens whose stamp fingerprint differs are refused until <see cref="ExpiresAt"/>.</summary>
public readonly record struct RevocationEntry(string Fingerprint, DateTimeOffset RevokedAt, DateTimeOffset ExpiresAt)
{
    /// <summary>Later revocations win; the order they arrive in (replicas, retries, pub/sub vs scan) does not matter.</summary>
    public bool Supersedes(RevocationEntry other) => RevokedAt > other.RevokedAt;
}

/// <summary>
/// The revocation list's shape in Redis, shared by its one writer (the identity service) and every
/// validator: a key per user (<c>platform:auth:stamp:{sub}</c>, expiring with the last token it
/// can concern) holding <c>{revokedAtMs}:{expiresAtMs}:{fingerprint}</c>, and a pub/sub channel on
/// which each write is announced so every replica's in-memory copy learns it at once.
/// </summary>
public static class RevocationStore
{
    public const string KeyPrefix = "platform:auth:stamp:";
    public static readonly RedisChannel Channel = RedisChannel.Literal("platform:auth:revocations");

    // Newer-wins in one step, so two identity replicas applying revocations in different orders never
    // put an older stamp back; the announcement leaves with the write or not at all.
    private const string WriteScript = """
        local current = redis.call('GET', KEYS[1])
        if current then
          local revokedAt = tonumber(string.match(current, '^(%d+):'))
          if revokedAt and revokedAt > tonumber(ARGV[1]) then return 0 end
        end
        redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
        redis.call('PUBLISH', ARGV[4], ARGV[5])
        return 1
        """;

    public static RedisKey Key(string subject) => KeyPrefix + subject;

    /// <summary>Writes and announces <paramref name="entry"/> unless a later one is stored; an expired entry is not written at all.</summary>
    public static async Task WriteAsync(IDatabase redis, string subject, RevocationEntry entry, DateTimeOffset now)
    {
        var timeToLive = entry.ExpiresAt - now;
        if (timeToLive <= TimeSpan.Zero)
        {
            return;
        }

        var value = Format(entry);
        await redis.ScriptEvaluateAsync(
            WriteScript,
            [Key(subject)],
            [entry.RevokedAt.ToUnixTimeMilliseconds(), value, (long)Math.Ceiling(timeToLive.TotalMilliseconds), Channel.ToString(), $"{subject} {value}"]);
    }

    public static string Format(RevocationEntry entry) =>
        string.Create(CultureInfo.InvariantCulture, $"{entry.RevokedAt.ToUnixTimeMilliseconds()}:{entry.ExpiresAt.ToUnixTimeMilliseconds()}:{entry.Fingerprint}");

    public static bool TryParse(string? value, out RevocationEntry entry)
    {
        entry = default;
        var parts = value?.Split(':', 3);
        if (parts is not { Length: 3 } || parts[2].Length == 0
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var revokedAt)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAt))
        {
            return false;
        }

        entry = new RevocationEntry(parts[2], DateTimeOffset.FromUnixTimeMilliseconds(revokedAt), DateTimeOffset.FromUnixTimeMilliseconds(expiresAt));
        return true;
    }

    /// <summary>Reads a pub/sub announcement: <c>{sub} {value}</c>.</summary>
    public static bool TryParseAnnouncement(string? message, out string subject, out RevocationEntry entry)
    {
        subject = "";
        entry = default;
        var space = message?.IndexOf(' ') ?? -1;
        if (space <= 0)
        {
            return false;
        }

        subject = message![..space];
        return TryParse(message[(space + 1)..], out entry);
    }
}
