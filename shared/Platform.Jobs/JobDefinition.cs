namespace Platform.Jobs;

/// <summary>A job type as the service registered it: its name, its timeout, and how to run its handler.</summary>
internal abstract class JobDefinition(string type, TimeSpan timeout)
{
    public string Type { get; } = type;

    public TimeSpan Timeout { get; } = timeout;

    /// <summary>Null when <paramref name="json"/> can be read as this type's parameters, else why not.</summary>
    public abstract string? CheckParameters(string json);

    /// <summary>Resolves the handler from <paramref name="services"/> (the run's own scope) and runs it.</summary>
    public abstract Task RunAsync(IServiceProvider services, Job job, IJobProgress progress, CancellationToken cancellationToken);
}
