namespace Platform.Jobs.Tests;

/// <summary>A business date no other test (or earlier run) uses, so the one-pending-job-per-date rule only bites where a test wants it.</summary>
public static class BusinessDates
{
    private static int _next = Random.Shared.Next(0, 1_000_000);

    public static DateOnly Next() => new DateOnly(2000, 1, 1).AddDays(Interlocked.Increment(ref _next) % 2_000_000);
}
