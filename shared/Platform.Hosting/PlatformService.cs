using System.Reflection;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Platform.Jobs;
using Platform.Messaging.Outbox;

namespace Platform.Hosting;

/// <summary>What a service tells the platform about itself; everything else is convention.</summary>
/// <param name="Name">The service's name: logs, telemetry, queue names (<c>deals</c>).</param>
/// <param name="Schema">Its PostgreSQL schema, which it owns alone.</param>
public sealed record PlatformService(string Name, string Schema)
{
    /// <summary>The assembly holding the DbContext's migrations (the service's Infrastructure project).</summary>
    public required Assembly Migrations { get; init; }

    /// <summary>The assembly of its use cases: MediatR handlers and FluentValidation validators.</summary>
    public required Assembly UseCases { get; init; }

    /// <summary>Which of its domain events leave the service, and as what.</summary>
    public IntegrationEventMap Events { get; init; } = new NoIntegrationEvents();

    /// <summary>The consumers of other services' events, listed explicitly.</summary>
    public Action<IBusRegistrationConfigurator>? Consumers { get; init; }

    /// <summary>
    /// The service's tracked jobs (docs/jobs.md), if it has any: its DbContext must then call
    /// <c>modelBuilder.AddJobTables()</c>; the job and schedule endpoints are mapped under
    /// <see cref="AdminRoutePrefix"/>.
    /// </summary>
    public Action<JobsBuilder>? Jobs { get; init; }

    /// <summary>Start-up work that needs the migrated schema (seeding, keys); not run with <c>--migrate-only</c>.</summary>
    public Func<WebApplication, Task>? AfterMigrations { get; init; }

    /// <summary>Where admins find the outbox backlog and failed messages (<c>/api/v1/deals/admin</c>).</summary>
    public required string AdminRoutePrefix { get; init; }
}
