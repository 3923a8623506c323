using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Jobs;

/// <summary>Where a service declares its job types and their default schedules (see <see cref="JobsSetup.AddPlatformJobs{TDb}"/>).</summary>
public sealed class JobsBuilder
{
    private readonly IServiceCollection _services;
    private readonly JobRegistry _registry;

    internal JobsBuilder(IServiceCollection services, JobRegistry registry)
    {
        _services = services;
        _registry = registry;
    }

    /// <summary>
    /// A job type: runs <typeparamref name="THandler"/> (scoped, resolved per run) with parameters of
    /// <typeparamref name="TParams"/>, cancelled and marked timed out after <paramref name="timeout"/>.
    /// </summary>
    /// <param name="type">Stable kebab-case name, e.g. <c>market-data-refresh</c>: stored on every job and in URLs.</param>
    public JobsBuilder Add<TParams, THandler>(string type, TimeSpan timeout)
        where THandler : class, IJobHandler<TParams>
    {
        if (string.IsNullOrWhiteSpace(type) || type.Length > Job.TypeMaxLength || !type.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            throw new ArgumentException($"Job type '{type}' must be kebab-case (a-z, 0-9, '-'), at most {Job.TypeMaxLength} characters.", nameof(type));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        _registry.Add(new HandlerJobDefinition<TParams>(type, timeout));
        _services.AddKeyedScoped<IJobHandler<TParams>, THandler>(type);
        return this;
    }

    /// <summary>
    /// The default schedule of a registered type, written once when the service first starts with it;
    /// admins change it through <c>PUT …/job-schedules/{type}</c>, and a redeploy never overwrites that.
    /// </summary>
    /// <param name="cron">Quartz cron, seconds first: <c>0 0 22 ? * MON-FRI</c> is 22:00 on weekdays.</param>
    /// <param name="timeZoneId">IANA id, e.g. <c>Europe/London</c>; occurrences and business dates are in this zone.</param>
    public JobsBuilder Schedule<TParams>(string type, string cron, string timeZoneId, TParams parameters, bool enabled = true)
    {
        var definition = _registry.Find(type) ?? throw new InvalidOperationException($"Register job type '{type}' with Add before scheduling it.");
        if (CronSchedule.Check(cron, timeZoneId) is { Count: > 0 } errors)
        {
            throw new ArgumentException($"Default schedule of '{type}': {string.Join(" ", errors.Values.SelectMany(e => e))}");
        }

        var json = JsonSerializer.Serialize(parameters, JobsModel.Json);
        if (definition.CheckParameters(json) is { } problem)
        {
            throw new ArgumentException($"Default schedule of '{type}': {problem}", nameof(parameters));
        }

        _registry.AddSchedule(new JobScheduleDefault(type, cron, timeZoneId, json, enabled));
        return this;
    }
}
