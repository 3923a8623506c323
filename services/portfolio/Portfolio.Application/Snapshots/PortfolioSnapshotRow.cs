using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portfolio.Application.Snapshots;

/// <summary>
/// A portfolio's figures at the end of a business date, for history charts: one row per portfolio and date,
/// overwritten by a re-run. Money in the base currency; factor betas as JSON (<c>{"market": 1.02, …}</c>).
/// </summary>
public sealed class PortfolioSnapshotRow
{
    public Guid PortfolioId { get; set; }
    public DateOnly BusinessDate { get; set; }

    /// <summary>The newest price date the figures used.</summary>
    public DateOnly AsOf { get; set; }

    public string Currency { get; set; } = "";
    public int Positions { get; set; }
    public int Unpriced { get; set; }
    public decimal MarketValue { get; set; }
    public decimal ProfitAndLossDay { get; set; }
    public decimal ProfitAndLossSinceInception { get; set; }
    public decimal GrossExposure { get; set; }
    public decimal NetExposure { get; set; }
    public decimal LongExposure { get; set; }
    public decimal ShortExposure { get; set; }
    public decimal DollarDelta { get; set; }
    public decimal DollarGamma { get; set; }
    public decimal Vega { get; set; }
    public decimal Theta { get; set; }
    public decimal Rho { get; set; }
    public decimal ValueAtRisk99OneDay { get; set; }
    public decimal? BetaToMarket { get; set; }
    public string FactorBetas { get; set; } = "{}";
    public Guid JobId { get; set; }
    public DateTimeOffset ComputedAt { get; set; }
}

internal sealed class PortfolioSnapshotRowConfiguration : IEntityTypeConfiguration<PortfolioSnapshotRow>
{
    public void Configure(EntityTypeBuilder<PortfolioSnapshotRow> snapshot)
    {
        snapshot.ToTable("PortfolioSnapshots");
        snapshot.HasKey(s => new { s.PortfolioId, s.BusinessDate });
        snapshot.Property(s => s.Currency).HasMaxLength(3).IsFixedLength();
        foreach (var money in new[]
                 {
                     nameof(PortfolioSnapshotRow.MarketValue), nameof(PortfolioSnapshotRow.ProfitAndLossDay), nameof(PortfolioSnapshotRow.ProfitAndLossSinceInception),
                     nameof(PortfolioSnapshotRow.GrossExposure), nameof(PortfolioSnapshotRow.NetExposure), nameof(PortfolioSnapshotRow.LongExposure),
                     nameof(PortfolioSnapshotRow.ShortExposure), nameof(PortfolioSnapshotRow.DollarDelta), nameof(PortfolioSnapshotRow.DollarGamma),
                     nameof(PortfolioSnapshotRow.Vega), nameof(PortfolioSnapshotRow.Theta), nameof(PortfolioSnapshotRow.Rho), nameof(PortfolioSnapshotRow.ValueAtRisk99OneDay),
                 })
        {
            snapshot.Property(money).HasColumnType("numeric(24,6)");
        }

        snapshot.Property(s => s.BetaToMarket).HasColumnType("numeric(18,6)");
        snapshot.Property(s => s.FactorBetas).HasColumnType("jsonb");
        // Retention sweeps by date across portfolios.
        snapshot.HasIndex(s => s.BusinessDate);
    }
}

/// <summary>Snapshots moved out of the table by retention: a gzip JSON-lines document in the document store, and what it holds.</summary>
public sealed class SnapshotArchiveRow
{
    public Guid Id { get; set; }

    /// <summary>The document store's key of the archive.</summary>
    public string DocumentKey { get; set; } = "";

    public DateOnly FromDate { get; set; }
    public DateOnly ToDate { get; set; }
    public int RowCount { get; set; }
    public long Bytes { get; set; }
    public Guid? JobId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class SnapshotArchiveRowConfiguration : IEntityTypeConfiguration<SnapshotArchiveRow>
{
    public void Configure(EntityTypeBuilder<SnapshotArchiveRow> archive)
    {
        archive.ToTable("SnapshotArchives");
        archive.HasKey(a => a.Id);
        archive.Property(a => a.DocumentKey).HasMaxLength(100);
        archive.HasIndex(a => a.DocumentKey).IsUnique();
        archive.HasIndex(a => new { a.FromDate, a.ToDate });
    }
}
