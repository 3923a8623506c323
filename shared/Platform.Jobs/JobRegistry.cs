namespace Platform.Jobs;

/// <summary>The job types and default schedules one service declared at start-up.</summary>
internal sealed class JobRegistry(string serviceName)
{
    private readonly Dictionary<string, JobDefinition> _definitions = new(StringComparer.Ordinal);
    private readonly List<JobScheduleDefault> _schedules = [];

    public string ServiceName { get; } = serviceName;

    public IReadOnlyCollection<JobDefinition> Definitions => _definitions.Values;

    public IReadOnlyList<JobScheduleDefault> Schedules => _schedules;

    /// <summary>The registered types, for the claim query: a replica only takes jobs it can run (a newer replica may know more types during a deploy).</summary>
    public string[] Types => [.. _definitions.Keys];

    public JobDefinition? Find(string type) => _definitions.GetValueOrDefault(type);

    public void Add(JobDefinition definition)
    {
        if (!_definitions.TryAdd(definition.Type, definition))
        {
            throw new InvalidOperationException($"Job type '{definition.Type}' is registered twice.");
        }
    }

    public void AddSchedule(JobScheduleDefault schedule)
    {
        if (_schedules.Any(s => s.JobType == schedule.JobType))
        {
            throw new InvalidOperationException($"Job type '{schedule.JobType}' has two default schedules.");
        }

        _schedules.Add(schedule);
    }
}
