namespace Platform.Jobs;

/// <summary>
/// How a handler says how far it got. Cheap to call per item: values are kept in memory and written
/// to the job row with the lease renewal, and once more when the run ends.
/// </summary>
public interface IJobProgress
{
    /// <summary>How many items the run will process, once known.</summary>
    void SetTotal(int itemsTotal);

    /// <summary>Items processed so far, successfully or not.</summary>
    void Advance(int items = 1);

    /// <summary>An item that could not be processed; the run goes on. Only the first few are kept, all are counted.</summary>
    void ItemFailed(string itemKey, string message);
}
