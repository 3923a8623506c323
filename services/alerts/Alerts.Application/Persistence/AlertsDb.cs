using Alerts.Domain;
using Microsoft.EntityFrameworkCore;
using Platform.Messaging;
using Platform.Persistence;

namespace Alerts.Application.Persistence;

public sealed class AlertsDb(DbContextOptions<AlertsDb> options) : DbContext(options)
{
    public const string Schema = "alerts";

    public DbSet<Alert> Alerts => Set<Alert>();

    public DbSet<AlertRule> Rules => Set<AlertRule>();

    public DbSet<Recipient> Recipients => Set<Recipient>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Alert>(alert =>
        {
            alert.ToTable("Alerts");
            alert.HasKey(a => a.Id);
            alert.Property(a => a.Sequence).UseIdentityAlwaysColumn();
            alert.Property(a => a.Title).HasMaxLength(Alert.TitleMaxLength);
            alert.Property(a => a.Message).HasMaxLength(Alert.MessageMaxLength);
            alert.Property(a => a.SubjectType).HasMaxLength(Alert.SubjectTypeMaxLength);
            alert.Property(a => a.SubjectId).HasMaxLength(Alert.SubjectIdMaxLength);
            alert.Property(a => a.Severity).HasMaxLength(20);
            alert.Property(a => a.Category).HasMaxLength(20);

            alert.HasIndex(a => new { a.SourceEventId, a.RecipientId }).IsUnique();
            // The stream's "after this sequence" query and the list's newest-first pages (Sequence is the commit order).
            alert.HasIndex(a => new { a.RecipientId, a.Sequence });
            // The default list (not dismissed) is the hot one: a partial index keeps it small.
            alert.HasIndex(a => new { a.RecipientId, a.Sequence }, "ix_alerts_recipient_id_sequence_active").HasFilter("dismissed_at IS NULL");
        });

        modelBuilder.Entity<AlertRule>(rule =>
        {
            rule.ToTable("AlertRules");
            rule.HasKey(r => r.Id);
            rule.Property(r => r.Kind).HasMaxLength(20);
            rule.Property(r => r.Ticker).HasMaxLength(AlertRule.TickerMaxLength);
            rule.Property(r => r.Threshold).HasColumnType("numeric");
            rule.Property(r => r.LastValue).HasColumnType("numeric");
            rule.HasIndex(r => r.OwnerId);
            rule.HasIndex(r => r.Ticker).HasFilter("ticker IS NOT NULL");
            rule.HasIndex(r => r.PortfolioId).HasFilter("portfolio_id IS NOT NULL");
        });

        modelBuilder.Entity<Recipient>(recipient =>
        {
            recipient.ToTable("Recipients");
            recipient.HasKey(r => r.UserId);
            recipient.Property(r => r.UserId).ValueGeneratedNever();
            recipient.Property(r => r.Email).HasMaxLength(320);
            recipient.Property(r => r.DisplayName).HasMaxLength(200);
            recipient.Property(r => r.Roles).HasColumnType("text[]");
            recipient.HasIndex(r => r.Roles).HasMethod("gin");
            // Events about one user may be applied concurrently: a write over a row changed meanwhile
            // fails and is retried on the fresh row, so a stale event cannot overwrite a newer one.
            recipient.Property<uint>("Version").HasColumnName("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate().IsConcurrencyToken();
        });

        modelBuilder.AddMessagingTables();
        modelBuilder.ApplyPlatformConventions(Schema);
    }
}
