using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults;

namespace Platform.Jobs;

public static class JobsModel
{
    /// <summary>How parameters and item errors are written: the API's JSON (camelCase, enums as camelCase text).</summary>
    internal static readonly JsonSerializerOptions Json = CreateJson();

    /// <summary>The <c>jobs</c> and <c>job_schedules</c> tables in the service's own schema; call before ApplyPlatformConventions.</summary>
    public static ModelBuilder AddJobTables(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Job>(Job.Configure);
        modelBuilder.Entity<JobSchedule>(JobSchedule.Configure);
        return modelBuilder;
    }

    /// <summary>The quoted, schema-qualified table of <typeparamref name="T"/> for raw SQL.</summary>
    internal static string TableOf<T>(DbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(T))
            ?? throw new InvalidOperationException($"{db.GetType().Name} has no {typeof(T).Name} table: call AddJobTables in OnModelCreating.");
        return $"\"{entity.GetSchema()}\".\"{entity.GetTableName()}\"";
    }

    /// <summary>The NOTIFY channel of this schema's job table: every replica of the service listens on it.</summary>
    internal static string ChannelOf(DbContext db) => $"platform_jobs_{db.Model.GetDefaultSchema() ?? "public"}";

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ServiceDefaultsExtensions.ConfigureJson(options);
        return options;
    }
}
