using Microsoft.EntityFrameworkCore;
using Platform.Jobs;
using Platform.Messaging;
using Platform.Persistence;
using Platform.Persistence.Idempotency;
using Portfolio.Domain.Portfolios;
using Portfolio.Application.Risk;
using Portfolio.Domain.Positions;

namespace Portfolio.Application.Persistence;

public sealed class PortfolioDb(DbContextOptions<PortfolioDb> options) : DbContext(options)
{
    public const string Schema = "portfolio";

    public DbSet<InvestmentPortfolio> Portfolios => Set<InvestmentPortfolio>();
    public DbSet<Position> Positions => Set<Position>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<PositionStrategy> Strategies => Set<PositionStrategy>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<ClosePriceRow> Closes => Set<ClosePriceRow>();
    public DbSet<InstrumentRow> Instruments => Set<InstrumentRow>();
    public DbSet<FxRateRow> FxRates => Set<FxRateRow>();
    public DbSet<OptionVolatilityRow> OptionVolatilities => Set<OptionVolatilityRow>();
    public DbSet<RiskCalculationRow> Calculations => Set<RiskCalculationRow>();
    public DbSet<LimitStateRow> LimitStates => Set<LimitStateRow>();
    public DbSet<RevaluationMarkRow> RevaluationMarks => Set<RevaluationMarkRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<InvestmentPortfolio>(portfolio =>
        {
            portfolio.ToTable("Portfolios");
            portfolio.HasKey(p => p.Id);
            portfolio.Ignore(p => p.Limits);
            portfolio.Property(p => p.Name).HasMaxLength(PortfolioErrors.NameMaxLength);
            portfolio.Property(p => p.Description).HasMaxLength(PortfolioErrors.DescriptionMaxLength);
            portfolio.Property(p => p.BaseCurrency).HasMaxLength(3).IsFixedLength();
            Money(portfolio.Property(p => p.GrossExposureLimit), portfolio.Property(p => p.NetExposureLimit),
                portfolio.Property(p => p.ValueAtRiskLimit), portfolio.Property(p => p.DollarDeltaLimit));
            portfolio.Property(p => p.ConcentrationLimitPercent).HasPrecision(9, 4);
            portfolio.HasIndex(p => new { p.OwnerId, p.Name }).IsUnique().HasFilter("deleted_at IS NULL");
            // One default per owner: a redelivered or replayed registration cannot make a second.
            portfolio.HasIndex(p => p.OwnerId).IsUnique().HasFilter("is_default").HasDatabaseName("ix_portfolios_one_default_per_owner");
        });

        modelBuilder.Entity<Position>(position =>
        {
            position.ToTable("Positions");
            position.HasKey(p => p.Id);
            position.Ignore(p => p.Option);
            position.Property(p => p.Symbol).HasMaxLength(32);
            position.Property(p => p.Underlying).HasMaxLength(12);
            position.Property(p => p.Currency).HasMaxLength(3).IsFixedLength();
            position.Property(p => p.Type).HasMaxLength(10);
            position.Property(p => p.Right).HasMaxLength(4);
            position.Property(p => p.Quantity).HasPrecision(24, 6);
            position.Property(p => p.EntryPrice).HasPrecision(24, 6);
            position.Property(p => p.Multiplier).HasPrecision(18, 6);
            position.Property(p => p.Strike).HasPrecision(18, 6);
            position.Property(p => p.Notes).HasMaxLength(PortfolioErrors.NotesMaxLength);
            // No foreign keys on positions: PostgreSQL checks a foreign key once per row, which cost 1.2–1.7 s of a
            // 100,000-row upload. Statement-level triggers check a whole statement's rows at once instead, with the
            // same locks and the same parent-side actions (migration PositionReferencesPerStatement, docs/portfolio.md).
            position.HasIndex(p => p.StrategyId);
            position.HasIndex(p => new { p.PortfolioId, p.Symbol }).HasFilter("deleted_at IS NULL");
            position.HasIndex(p => p.Underlying).HasFilter("deleted_at IS NULL");
            position.HasIndex(p => p.Tags).HasMethod("gin");
        });

        modelBuilder.Entity<Tag>(tag =>
        {
            tag.ToTable("Tags");
            tag.HasKey(t => t.Id);
            tag.Property(t => t.Name).HasMaxLength(PortfolioErrors.TagMaxLength);
            tag.Property(t => t.Colour).HasMaxLength(7);
            tag.HasIndex(t => new { t.OwnerId, t.Name }).IsUnique();
        });

        modelBuilder.Entity<PositionStrategy>(strategy =>
        {
            strategy.ToTable("Strategies");
            strategy.HasKey(s => s.Id);
            strategy.Property(s => s.Name).HasMaxLength(PortfolioErrors.NameMaxLength);
            strategy.Property(s => s.Description).HasMaxLength(PortfolioErrors.DescriptionMaxLength);
            strategy.Property(s => s.Kind).HasMaxLength(20);
            strategy.HasOne<InvestmentPortfolio>().WithMany().HasForeignKey(s => s.PortfolioId);
            strategy.HasIndex(s => new { s.PortfolioId, s.Name }).IsUnique();
        });

        modelBuilder.Entity<ClosePriceRow>(close =>
        {
            close.ToTable("ClosePrices");
            close.HasKey(c => new { c.Symbol, c.Date });
            close.Property(c => c.Symbol).HasMaxLength(12);
            close.Property(c => c.Currency).HasMaxLength(3).IsFixedLength();
            close.Property(c => c.Close).HasColumnType("numeric(18,6)");
            close.Property(c => c.AdjustedClose).HasColumnType("numeric(18,6)");
        });

        modelBuilder.Entity<InstrumentRow>(instrument =>
        {
            instrument.ToTable("Instruments");
            instrument.HasKey(i => i.Symbol);
            instrument.Property(i => i.Symbol).HasMaxLength(12);
            instrument.Property(i => i.Name).HasMaxLength(200);
            instrument.Property(i => i.Type).HasMaxLength(20);
            instrument.Property(i => i.Sector).HasMaxLength(100);
            instrument.Property(i => i.Currency).HasMaxLength(3).IsFixedLength();
        });

        modelBuilder.Entity<FxRateRow>(rate =>
        {
            rate.ToTable("FxRates");
            rate.HasKey(r => new { r.BaseCurrency, r.QuoteCurrency, r.Date });
            rate.Property(r => r.BaseCurrency).HasMaxLength(3).IsFixedLength();
            rate.Property(r => r.QuoteCurrency).HasMaxLength(3).IsFixedLength();
            rate.Property(r => r.Rate).HasColumnType("numeric(20,10)");
        });

        modelBuilder.Entity<OptionVolatilityRow>(volatility =>
        {
            volatility.ToTable("OptionVolatilities");
            volatility.HasKey(v => new { v.Underlying, v.Expiry, v.Strike, v.Right });
            volatility.Property(v => v.Underlying).HasMaxLength(12);
            volatility.Property(v => v.Right).HasMaxLength(4);
            volatility.Property(v => v.Strike).HasColumnType("numeric(18,6)");
            volatility.Property(v => v.ImpliedVolatility).HasColumnType("numeric(12,8)");
        });

        modelBuilder.Entity<RiskCalculationRow>(calculation =>
        {
            calculation.ToTable("RiskCalculations");
            calculation.HasKey(c => c.Id);
            calculation.Property(c => c.CalculatedBy).HasMaxLength(100);
            calculation.Property(c => c.Currency).HasMaxLength(3).IsFixedLength();
            Money(calculation.Property(c => c.MarketValue), calculation.Property(c => c.GrossExposure), calculation.Property(c => c.NetExposure),
                calculation.Property(c => c.ValueAtRisk99OneDay), calculation.Property(c => c.DollarDelta));
            calculation.Property(c => c.Inputs).HasColumnType("jsonb");
            calculation.Property(c => c.Result).HasColumnType("jsonb");
            calculation.HasOne<InvestmentPortfolio>().WithMany().HasForeignKey(c => c.PortfolioId);
            calculation.HasIndex(c => new { c.PortfolioId, c.CalculatedAt });
        });

        modelBuilder.Entity<LimitStateRow>(state =>
        {
            state.ToTable("LimitStates");
            state.HasKey(s => new { s.PortfolioId, s.Limit });
            state.Property(s => s.Limit).HasMaxLength(20);
        });

        modelBuilder.Entity<RevaluationMarkRow>(mark =>
        {
            mark.ToTable("RevaluationMarks");
            mark.HasKey(m => m.PortfolioId);
            mark.HasIndex(m => m.MarkedAt);
        });

        // Newer features (batch, snapshots, what-if, index strategies, reports) keep their mapping
        // beside their use cases as IEntityTypeConfiguration classes, so this file does not grow with each.
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PortfolioDb).Assembly);

        modelBuilder.AddIdempotencyRecords();
        modelBuilder.AddMessagingTables();
        modelBuilder.AddJobTables();
        modelBuilder.ApplyPlatformConventions(Schema);
    }

    // Money to the cent is not enough for risk figures summed from fractional quantities: keep six decimals, never a double.
    private static void Money(params Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder[] properties)
    {
        foreach (var property in properties)
        {
            property.HasColumnType("numeric(24,6)");
        }
    }
}
