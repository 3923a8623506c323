namespace Gateway.Tests;

/// <summary>Base of fixtures whose tests can share one gateway (default settings) and one client.</summary>
public abstract class SharedGatewayTests
{
    internal GatewayHarness Gateway { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartGatewayAsync()
    {
        Gateway = await GatewayHarness.StartAsync();
        Client = Gateway.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopGatewayAsync()
    {
        Client.Dispose();
        await Gateway.DisposeAsync();
    }
}
