using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Jobs;

/// <summary>
/// A job type whose handler takes <typeparamref name="TParams"/>. The handler is a keyed service (key:
/// the job type), so two job types may share a parameter type with different handlers.
/// </summary>
internal sealed class HandlerJobDefinition<TParams>(string type, TimeSpan timeout) : JobDefinition(type, timeout)
{
    public override string? CheckParameters(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<TParams>(json, JobsModel.Json) is null ? "Parameters are required." : null;
        }
        catch (JsonException exception)
        {
            return $"Not valid parameters for '{Type}': {exception.Message}";
        }
    }

    public override Task RunAsync(IServiceProvider services, Job job, IJobProgress progress, CancellationToken cancellationToken)
    {
        var parameters = JsonSerializer.Deserialize<TParams>(job.Parameters, JobsModel.Json)!;
        var handler = services.GetRequiredKeyedService<IJobHandler<TParams>>(Type);
        return handler.RunAsync(new JobContext<TParams>(job.Id, job.Type, job.BusinessDate, parameters, job.RequestedBy, job.Attempts, progress), cancellationToken);
    }
}
