using Microsoft.EntityFrameworkCore;

namespace Platform.Persistence.Idempotency;

/// <summary>The first successful response to a creating request, kept so a retry with the same key replays it.</summary>
public sealed class IdempotencyRecord
{
    /// <summary>Whose key it is (the token's subject): two users never share keys.</summary>
    public required string Scope { get; init; }
    public required string Key { get; init; }

    /// <summary>SHA-256 of method, path and body: the same key with another request is refused.</summary>
    public required string RequestHash { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public int StatusCode { get; init; }
    public string? Location { get; init; }
    public string? ETag { get; init; }
    public string? ResponseBody { get; init; }
}

public static class IdempotencyModel
{
    public const int KeyMaxLength = 200;

    /// <summary>Adds the idempotency table to a service's schema; the service then uses <c>WithIdempotency</c> on its creating endpoints.</summary>
    public static ModelBuilder AddIdempotencyRecords(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<IdempotencyRecord>(record =>
        {
            record.ToTable("IdempotencyRecords");
            record.HasKey(r => new { r.Scope, r.Key });
            record.Property(r => r.Scope).HasMaxLength(200);
            record.Property(r => r.Key).HasMaxLength(KeyMaxLength);
            record.Property(r => r.RequestHash).HasMaxLength(64);
            record.Property(r => r.Location).HasMaxLength(2000);
            record.Property(r => r.ETag).HasMaxLength(100);
            record.Property(r => r.ResponseBody).HasColumnType("jsonb");
            record.HasIndex(r => r.CreatedAt);
        });
        return modelBuilder;
    }
}
