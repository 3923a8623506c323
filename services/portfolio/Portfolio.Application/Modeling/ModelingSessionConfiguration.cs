using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portfolio.Domain.Modeling;
using Portfolio.Domain.Portfolios;

namespace Portfolio.Application.Modeling;

/// <summary>
/// A session is one row; its trades are one jsonb value of it, so every trade change rewrites the row and
/// moves its version (xmin, the ETag). Sessions are scratch work, deleted when discarded or expired: no soft
/// delete and no audit rows; what is kept is the saved scenario.
/// </summary>
internal sealed class ModelingSessionConfiguration : IEntityTypeConfiguration<ModelingSession>
{
    public void Configure(EntityTypeBuilder<ModelingSession> session)
    {
        session.ToTable("ModelingSessions");
        session.HasKey(s => s.Id);
        session.Property(s => s.Name).HasMaxLength(ModelingErrors.NameMaxLength);
        session.Property(s => s.Trades).HasColumnType("jsonb").HasConversion(
            trades => TradeJson.Write(trades),
            json => TradeJson.Read(json),
            new ValueComparer<IReadOnlyList<HypotheticalTrade>>(
                (a, b) => TradeJson.Write(a!) == TradeJson.Write(b!),
                trades => TradeJson.Write(trades).GetHashCode(StringComparison.Ordinal),
                trades => TradeJson.Read(TradeJson.Write(trades))));
        session.HasOne<InvestmentPortfolio>().WithMany().HasForeignKey(s => s.PortfolioId);
        session.HasIndex(s => new { s.OwnerId, s.CreatedAt });
        session.HasIndex(s => s.ExpiresAt);
    }
}

/// <summary>Trades as stored in jsonb (sessions and scenarios alike).</summary>
internal static class TradeJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Write(IReadOnlyList<HypotheticalTrade> trades) => JsonSerializer.Serialize(trades, Options);

    public static IReadOnlyList<HypotheticalTrade> Read(string json) => JsonSerializer.Deserialize<List<HypotheticalTrade>>(json, Options) ?? [];
}
