using Identity.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Identity.Application.Persistence;

/// <summary>The <c>user_settings</c> table: one row per user who changed a setting, removed with the user.</summary>
internal static class UserSettingsModel
{
    public static void Configure(EntityTypeBuilder<UserSettings> settings)
    {
        settings.ToTable("UserSettings", table =>
            table.HasCheckConstraint("ck_user_settings_quiet_hours", "(quiet_hours_start IS NULL) = (quiet_hours_end IS NULL)"));
        settings.HasKey(s => s.Id);
        settings.Property(s => s.Id).HasColumnName("UserId").ValueGeneratedNever();
        settings.Property(s => s.TimeZone).HasMaxLength(UserSettings.TimeZoneMaxLength);
        settings.Ignore(s => s.Alerts);
        settings.HasOne<User>().WithOne().HasForeignKey<UserSettings>(s => s.Id).OnDelete(DeleteBehavior.Cascade);
    }
}
