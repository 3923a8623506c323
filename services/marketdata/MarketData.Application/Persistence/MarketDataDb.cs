using MarketData.Domain;
using Microsoft.EntityFrameworkCore;
using Platform.Jobs;
using Platform.Messaging;
using Platform.Persistence;

namespace MarketData.Application.Persistence;

public sealed class MarketDataDb(DbContextOptions<MarketDataDb> options) : DbContext(options)
{
    public const string Schema = "marketdata";

    public DbSet<Asset> Assets => Set<Asset>();
    public DbSet<BarRow> Bars => Set<BarRow>();
    public DbSet<QuoteRow> Quotes => Set<QuoteRow>();
    public DbSet<FxRateRow> FxRates => Set<FxRateRow>();
    public DbSet<OptionQuoteRow> OptionQuotes => Set<OptionQuoteRow>();
    public DbSet<RefreshStateRow> RefreshStates => Set<RefreshStateRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Asset>(asset =>
        {
            asset.ToTable("Assets");
            asset.HasKey(a => a.Id);
            asset.Property(a => a.Symbol).HasMaxLength(Symbols.MaxLength);
            asset.HasIndex(a => a.Symbol).IsUnique();
            asset.Property(a => a.Name).HasMaxLength(Asset.NameMaxLength);
            asset.Property(a => a.Exchange).HasMaxLength(Asset.ExchangeMaxLength);
            asset.Property(a => a.Currency).HasMaxLength(3).IsFixedLength();
            asset.Property(a => a.Sector).HasMaxLength(Asset.ClassificationMaxLength);
            asset.Property(a => a.Industry).HasMaxLength(Asset.ClassificationMaxLength);
            asset.HasIndex(a => new { a.Type, a.Sector });
        });

        // Partitioned by year, which EF cannot express: the table, its key and its partitions are made
        // by the migration's SQL and by BarPartitions; EF only reads it.
        modelBuilder.Entity<BarRow>(bar =>
        {
            bar.ToTable("DailyBars", table => table.ExcludeFromMigrations());
            bar.HasKey(b => new { b.AssetId, b.Date });
            Prices(bar.Property(b => b.Open), bar.Property(b => b.High), bar.Property(b => b.Low), bar.Property(b => b.Close), bar.Property(b => b.AdjustedClose));
        });

        modelBuilder.Entity<QuoteRow>(quote =>
        {
            quote.ToTable("Quotes");
            quote.HasKey(q => q.AssetId);
            Prices(quote.Property(q => q.Price), quote.Property(q => q.PreviousClose));
            quote.HasOne<Asset>().WithOne().HasForeignKey<QuoteRow>(q => q.AssetId);
            quote.HasIndex(q => q.UpdatedAt);
        });

        modelBuilder.Entity<FxRateRow>(rate =>
        {
            rate.ToTable("FxRates");
            rate.HasKey(r => new { r.BaseCurrency, r.QuoteCurrency, r.Date });
            rate.Property(r => r.BaseCurrency).HasMaxLength(3).IsFixedLength();
            rate.Property(r => r.QuoteCurrency).HasMaxLength(3).IsFixedLength();
            rate.Property(r => r.Rate).HasColumnType("numeric(20,10)");
        });

        modelBuilder.Entity<OptionQuoteRow>(option =>
        {
            option.ToTable("OptionQuotes");
            option.HasKey(o => new { o.AssetId, o.AsOf, o.Expiry, o.Strike, o.Right });
            Prices(option.Property(o => o.Strike), option.Property(o => o.Bid), option.Property(o => o.Ask), option.Property(o => o.Last), option.Property(o => o.UnderlyingPrice));
            option.Property(o => o.ImpliedVolatility).HasColumnType("numeric(12,8)");
            option.HasOne<Asset>().WithMany().HasForeignKey(o => o.AssetId);
            // Retention deletes whole days.
            option.HasIndex(o => o.AsOf);
        });

        modelBuilder.Entity<RefreshStateRow>(state =>
        {
            state.ToTable("RefreshStates");
            state.HasKey(s => s.AssetId);
            state.Property(s => s.LastError).HasMaxLength(1000);
            state.HasOne<Asset>().WithOne().HasForeignKey<RefreshStateRow>(s => s.AssetId);
        });

        modelBuilder.AddMessagingTables();
        modelBuilder.AddJobTables();
        modelBuilder.ApplyPlatformConventions(Schema);
    }

    // Prices keep six decimals: enough for sub-penny quotes and FX-converted prices, never a double.
    private static void Prices(params Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder[] properties)
    {
        foreach (var property in properties)
        {
            property.HasColumnType("numeric(18,6)");
        }
    }
}
