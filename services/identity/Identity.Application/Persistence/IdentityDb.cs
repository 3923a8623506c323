using Identity.Domain;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;
using Platform.Messaging;
using Platform.Persistence;

namespace Identity.Application.Persistence;

public sealed class IdentityDb(DbContextOptions<IdentityDb> options)
    : IdentityDbContext<User, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public const string Schema = "identity";

    /// <summary>Keys of identity's sign-in cookie and anti-forgery tokens, shared by its replicas.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

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

        // OpenIddict's applications (clients), authorizations, scopes and tokens, keyed by Guid like the users.
        builder.UseOpenIddict<Guid>();
        // Log-out-all, deactivation and end-session revoke by subject.
        builder.Entity<OpenIddictEntityFrameworkCoreToken<Guid>>().HasIndex(t => t.Subject);
        builder.Entity<OpenIddictEntityFrameworkCoreAuthorization<Guid>>().HasIndex(a => a.Subject);

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
