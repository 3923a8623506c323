using Platform.Testing;

namespace Operations.Tests;

/// <summary>
/// What every test here shares, started once: a second PostgreSQL cluster beside the shared one, and
/// the signing key whose JWKS a loopback server publishes for the loans hosts.
/// </summary>
[SetUpFixture]
public sealed class OperationsFixture
{
    private static EchoBackend _jwks = null!;

    public static LocalPostgresCluster SecondCluster { get; private set; } = null!;

    public static TestSigningKey Key { get; private set; } = null!;

    public static Uri JwksUri => _jwks.JwksUri;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        Key = TestSigningKey.Create();
        _jwks = await EchoBackend.StartAsync(Key);
        SecondCluster = await LocalPostgresCluster.StartAsync("ops");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await SecondCluster.DisposeAsync();
        await _jwks.DisposeAsync();
        Key.Dispose();
    }
}
