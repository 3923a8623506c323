using System.Collections.Concurrent;

namespace Platform.Jobs.Tests;

/// <summary>A handler that processes numbered items as its parameters say and counts its runs per job.</summary>
public sealed class TestJobHandler : IJobHandler<TestJobParams>
{
    /// <summary>How many times each job id was run, across every host of the test process.</summary>
    public static readonly ConcurrentDictionary<Guid, int> Runs = new();

    /// <summary>Jobs whose run saw its cancellation token fire.</summary>
    public static readonly ConcurrentDictionary<Guid, bool> Cancelled = new();

    private static readonly ConcurrentDictionary<string, TaskCompletionSource> Gates = new();

    public static void Release(string gate) => GateFor(gate).TrySetResult();

    public async Task RunAsync(JobContext<TestJobParams> job, CancellationToken cancellationToken)
    {
        Runs.AddOrUpdate(job.JobId, 1, (_, runs) => runs + 1);
        try
        {
            await ProcessAsync(job, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Cancelled[job.JobId] = true;
            throw;
        }
    }

    private static async Task ProcessAsync(JobContext<TestJobParams> job, CancellationToken cancellationToken)
    {
        var parameters = job.Parameters;
        job.Progress.SetTotal(parameters.Items);
        for (var item = 0; item < parameters.Items; item++)
        {
            if (item == parameters.PauseAfter && parameters.Gate is { } gate)
            {
                await GateFor(gate).Task.WaitAsync(cancellationToken);
            }

            var key = $"item-{item}";
            if (parameters.FailingItems.Contains(key))
            {
                job.Progress.ItemFailed(key, $"{key} has no price");
            }

            job.Progress.Advance();
            if (parameters.ItemDelayMs > 0)
            {
                await Task.Delay(parameters.ItemDelayMs, cancellationToken);
            }
        }

        switch (parameters.Behaviour)
        {
            case TestBehaviour.Throw:
                throw new InvalidOperationException("The price feed refused the request.");
            case TestBehaviour.HangUntilCancelled:
                await Task.Delay(Timeout.Infinite, cancellationToken);
                break;
        }
    }

    private static TaskCompletionSource GateFor(string gate) =>
        Gates.GetOrAdd(gate, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
