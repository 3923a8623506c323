using Microsoft.EntityFrameworkCore;
using Platform.Testing;

namespace Platform.Jobs.Tests;

/// <summary>Polling helpers: jobs run in background workers, so outcomes are waited for.</summary>
public static class Eventually
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public static Task<T> WaitAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? timeout = null) =>
        Polling.UntilAsync(read, done, what, timeout ?? Timeout);

    public static async Task<Job?> ReadJobAsync(Guid id)
    {
        await using var db = JobsDatabase.Open();
        return await db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id);
    }

    /// <summary>Waits until the job has reached <paramref name="status"/> and returns it.</summary>
    public static async Task<Job> JobAsync(Guid id, JobStatus status, TimeSpan? timeout = null) =>
        (await WaitAsync(() => ReadJobAsync(id), job => job?.Status == status, $"job {id} to be {status}", timeout))!;
}
