using NUnit.Framework;

namespace Platform.Testing;

/// <summary>Waiting for what background work (consumers, relays, job workers) does eventually.</summary>
public static class Polling
{
    /// <summary>
    /// Reads until <paramref name="done"/> holds and returns that value; fails the test naming
    /// <paramref name="what"/> once <paramref name="timeout"/> has passed.
    /// </summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan timeout, TimeSpan? interval = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for {what}.");
            }

            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(50));
        }
    }
}
