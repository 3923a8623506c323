using Identity.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Platform.Messaging;
using Platform.Persistence;

namespace Identity.Application.Persistence;

public sealed class IdentityDb(DbContextOptions<IdentityDb> options)
    : IdentityDbContext<User, IdentityRole<Guid>, Guid>(options)
{
    public const string Schema = "identity";

    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    public DbSet<SessionRevocation> SessionRevocations => Set<SessionRevocation>();

    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    public DbSet<UserSettings> UserSettings => Set<UserSettings>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<User>(user =>
        {
            user.ToTable("Users");
            user.Property(u => u.DisplayName).HasMaxLength(200);
            user.Property(u => u.PasswordHash).IsRedactedInAudit();
            user.Property(u => u.SecurityStamp).IsRedactedInAudit();
            user.Property(u => u.ConcurrencyStamp).IsRedactedInAudit();
            user.Ignore(u => u.IsActive);
        });
        builder.Entity<IdentityRole<Guid>>().ToTable("Roles");
        builder.Entity<IdentityUserRole<Guid>>().ToTable("UserRoles");
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("UserClaims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("UserLogins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("UserTokens");
        builder.Entity<IdentityRoleClaim<Guid>>().ToTable("RoleClaims");

        builder.Entity<RefreshToken>(token =>
        {
            token.HasKey(t => t.Id);
            token.Property(t => t.TokenHash).HasMaxLength(64);
            token.Property(t => t.ClientId).HasMaxLength(100);
            token.Property(t => t.RevokedReason).HasMaxLength(100);
            token.HasIndex(t => t.TokenHash).IsUnique();
            token.HasIndex(t => t.FamilyId);
            token.HasIndex(t => new { t.UserId, t.RevokedAt });
            token.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<SessionRevocation>(revocation =>
        {
            revocation.HasKey(r => r.Id);
            revocation.Property(r => r.StampFingerprint).HasMaxLength(64);
            revocation.Property(r => r.Reason).HasMaxLength(50);
            // The relay's question, "what is not in Redis yet", reads only the few unpublished rows.
            revocation.HasIndex(r => r.RevokedAt).HasFilter("published_at IS NULL").HasDatabaseName("ix_session_revocations_unpublished");
            revocation.HasIndex(r => r.UserId);
            revocation.HasOne<User>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<SigningKey>(key =>
        {
            key.HasKey(k => k.KeyId);
            key.Property(k => k.KeyId).HasMaxLength(64);
            key.Property(k => k.Algorithm).HasMaxLength(10);
            key.Ignore(k => k.IsActive);
        });

        builder.Entity<UserSettings>(UserSettingsModel.Configure);

        builder.AddMessagingTables();
        builder.ApplyPlatformConventions(Schema);
    }
}
