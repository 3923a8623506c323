namespace Identity.Tests.ServiceClients;

/// <summary>A clock the test moves by hand, so token expiry is tested without waiting 15 minutes.</summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
