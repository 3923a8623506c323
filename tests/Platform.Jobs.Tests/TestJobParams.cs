namespace Platform.Jobs.Tests;

/// <summary>What the test handler does: how many items, which of them fail, and how it ends.</summary>
public sealed class TestJobParams
{
    public TestBehaviour Behaviour { get; init; }

    public int Items { get; init; }

    public string[] FailingItems { get; init; } = [];

    /// <summary>After this many items the handler waits for <see cref="TestJobHandler.Release"/> of <see cref="Gate"/>.</summary>
    public int PauseAfter { get; init; } = -1;

    public string? Gate { get; init; }

    public int ItemDelayMs { get; init; }
}
