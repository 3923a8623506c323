using Platform.Testing;

namespace Platform.Jobs.Tests;

/// <summary>The signing key and JWKS every test host validates tokens with, once for the run.</summary>
[SetUpFixture]
public sealed class JobsFixture
{
    private static EchoBackend _jwks = null!;

    public static TestSigningKey Key { get; private set; } = null!;

    public static Uri JwksUri => _jwks.JwksUri;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        Key = TestSigningKey.Create();
        _jwks = await EchoBackend.StartAsync(Key);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _jwks.DisposeAsync();
        Key.Dispose();
    }
}
