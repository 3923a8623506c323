using Deals.Application.Market;
using Deals.Application.Tickers;
using Deals.Domain;
using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;
using Platform.Messaging;
using Platform.Persistence;
using Platform.Persistence.Idempotency;

namespace Deals.Application.Persistence;

public sealed class DealsDb(DbContextOptions<DealsDb> options) : DbContext(options)
{
    public const string Schema = "deals";

    /// <summary>Bumped by a trigger in every transaction that writes deals: the key of cached list totals (<see cref="ListCounts"/>).</summary>
    public const string ListVersionTable = "deals.deal_list_version";

    /// <summary>Shadow column: words of the name, parties and tickers, for the list's free-text filter.</summary>
    public const string SearchVector = "SearchVector";

    public DbSet<Deal> Deals => Set<Deal>();

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    /// <summary>Market prices per deal, beside the deal's row so that prices never change its version.</summary>
    public DbSet<DealMarketPrice> MarketPrices => Set<DealMarketPrice>();

    /// <summary>What marketdata said about each ticker deals name.</summary>
    public DbSet<TickerCheck> TickerChecks => Set<TickerCheck>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Deal>(deal =>
        {
            deal.ToTable("Deals");
            deal.HasKey(d => d.Id);
            deal.Ignore(d => d.Terms);

            deal.Property(d => d.Name).HasMaxLength(DealRules.NameMaxLength);
            deal.Property(d => d.TargetName).HasMaxLength(DealRules.NameMaxLength);
            deal.Property(d => d.AcquirerName).HasMaxLength(DealRules.NameMaxLength);
            deal.Property(d => d.TargetTicker).HasMaxLength(12);
            deal.Property(d => d.AcquirerTicker).HasMaxLength(12);
            deal.Property(d => d.TargetExchange).HasMaxLength(10);
            deal.Property(d => d.TargetCountry).HasMaxLength(2).IsFixedLength();
            deal.Property(d => d.Currency).HasMaxLength(3).IsFixedLength();
            deal.Property(d => d.Sector).HasMaxLength(DealRules.LabelMaxLength);
            deal.Property(d => d.Industry).HasMaxLength(DealRules.LabelMaxLength);
            deal.Property(d => d.Region).HasMaxLength(DealRules.LabelMaxLength);
            deal.Property(d => d.Financing).HasMaxLength(DealRules.FinancingMaxLength);
            deal.Property(d => d.AnalystNotes).HasMaxLength(DealRules.NotesMaxLength);
            deal.Property(d => d.SourceDocumentRef).HasMaxLength(DealRules.SourceMaxLength);
            deal.Property(d => d.ReviewComment).HasMaxLength(DealErrors.CommentMaxLength);

            deal.Property(d => d.Type).HasMaxLength(20);
            deal.Property(d => d.Stage).HasMaxLength(20);
            deal.Property(d => d.ReviewStatus).HasMaxLength(20);
            deal.Property(d => d.Consideration).HasMaxLength(10);

            // Precision mirrors DealRules, which refuses values that would not fit or would be rounded.
            deal.Property(d => d.DealValue).HasPrecision(20, 2);
            deal.Property(d => d.BreakFee).HasPrecision(20, 2);
            deal.Property(d => d.OfferPricePerShare).HasPrecision(18, 6);
            deal.Property(d => d.CurrentTargetPrice).HasPrecision(18, 6);
            deal.Property(d => d.CurrentAcquirerPrice).HasPrecision(18, 6);
            deal.Property(d => d.ExchangeRatio).HasPrecision(18, 8);
            deal.Property(d => d.PremiumPercent).HasPrecision(9, 4);
            deal.Property(d => d.ProbabilityOfClose).HasPrecision(5, 4);
            // Derived: unbounded numeric, so no combination of valid inputs can overflow it.
            deal.Property(d => d.Spread).HasColumnType("numeric");
            deal.Property(d => d.AnnualizedReturn).HasColumnType("numeric");

            deal.Property<NpgsqlTsVector>(SearchVector).HasComputedColumnSql(
                "to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(target_name, '') || ' ' || coalesce(acquirer_name, '') || ' ' || coalesce(target_ticker, '') || ' ' || coalesce(acquirer_ticker, ''))",
                stored: true);

            // Indexes follow the list queries; docs/benchmarks.md shows the plans that justify each.
            deal.HasIndex(d => new { d.ReviewStatus, d.UpdatedAt, d.Id }).HasFilter("deleted_at IS NULL");
            deal.HasIndex(d => new { d.UpdatedAt, d.Id }).HasFilter("deleted_at IS NULL");
            deal.HasIndex(d => d.TargetTicker).HasFilter("deleted_at IS NULL");
            deal.HasIndex(d => d.AcquirerTicker).HasFilter("deleted_at IS NULL");
            deal.HasIndex(d => d.AnnouncedOn).HasFilter("deleted_at IS NULL");
            deal.HasIndex(d => d.OwnerId);
            deal.HasIndex(SearchVector).HasMethod("gin");
        });

        // Written by set-based SQL (PricesUpdatedConsumer, TickerVerification) that names these tables and columns.
        modelBuilder.Entity<DealMarketPrice>(market =>
        {
            market.ToTable("DealMarketPrices");
            market.HasKey(m => m.DealId);
            market.Property(m => m.TargetTicker).HasMaxLength(12);
            market.Property(m => m.AcquirerTicker).HasMaxLength(12);
            market.Property(m => m.TargetCurrency).HasMaxLength(3);
            market.Property(m => m.AcquirerCurrency).HasMaxLength(3);
            market.Property(m => m.TargetPrice).HasColumnType("numeric");
            market.Property(m => m.AcquirerPrice).HasColumnType("numeric");
        });

        modelBuilder.Entity<TickerCheck>(check =>
        {
            check.ToTable("TickerChecks");
            check.HasKey(c => c.Ticker);
            check.Property(c => c.Ticker).HasMaxLength(12);
            check.Property(c => c.Status).HasMaxLength(12);
            check.HasIndex(c => c.NextCheckAt).HasFilter("status = 'unverified'");
        });

        modelBuilder.AddIdempotencyRecords();
        modelBuilder.AddMessagingTables();
        modelBuilder.ApplyPlatformConventions(Schema);
    }
}
