namespace Platform.Jobs;

/// <summary>What a handler gets for one run.</summary>
public sealed record JobContext<TParams>(
    Guid JobId,
    string Type,
    DateOnly? BusinessDate,
    TParams Parameters,
    string RequestedBy,
    int Attempt,
    IJobProgress Progress);
