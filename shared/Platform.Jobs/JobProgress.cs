namespace Platform.Jobs;

/// <summary>The in-memory progress of one run; handlers may report from several threads.</summary>
internal sealed class JobProgress(int maxItemErrors) : IJobProgress
{
    private readonly Lock _lock = new();
    private readonly List<JobItemError> _errors = [];
    private int _done;
    private int? _total;
    private int _errorCount;

    public void SetTotal(int itemsTotal)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(itemsTotal);
        lock (_lock)
        {
            _total = itemsTotal;
        }
    }

    public void Advance(int items = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(items);
        lock (_lock)
        {
            _done += items;
        }
    }

    public void ItemFailed(string itemKey, string message)
    {
        lock (_lock)
        {
            _errorCount++;
            if (_errors.Count < maxItemErrors)
            {
                _errors.Add(new JobItemError(Truncate(itemKey, Job.ItemKeyMaxLength), Truncate(message, Job.ErrorMaxLength)));
            }
        }
    }

    public JobProgressSnapshot Read()
    {
        lock (_lock)
        {
            return new JobProgressSnapshot(_done, _total, [.. _errors], _errorCount);
        }
    }

    public void CopyTo(Job job)
    {
        var snapshot = Read();
        job.ItemsDone = snapshot.Done;
        job.ItemsTotal = snapshot.Total;
        job.ItemErrors = snapshot.Errors;
        job.ItemErrorCount = snapshot.ErrorCount;
    }

    internal static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
