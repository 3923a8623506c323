using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Platform.Testing;

namespace EndToEnd.Tests;

/// <summary>
/// The real processes (alerts, portfolio, identity, marketdata, deals, loans and the gateway) on the local infrastructure, started once for
/// the assembly. Tests talk only to <see cref="Gateway"/>, like the web front end.
/// </summary>
[SetUpFixture]
public sealed class Platform
{
    private static readonly List<ServiceProcess> Processes = [];

    // Identity makes its client registry exactly what it is configured with, so the Identity.Tests host
    // (running beside this suite on the shared test database, with other clients) would remove deals' and
    // portfolio's clients from under it. A database of its own keeps this run's identity to itself.
    private static ScratchDatabase _identityDatabase = null!;

    // Portfolio.Tests seed instruments (SPY with 300 closes, marked synced) into the shared test database
    // while this suite runs; portfolio here would then never back-fill the three years its risk flow expects.
    private static ScratchDatabase _portfolioDatabase = null!;

    public const string IdentityProject = "services/identity/Identity.Api";
    public const string DealsProject = "services/deals/Deals.Api";
    public const string AlertsProject = "services/alerts/Alerts.Api";
    public const string MarketDataProject = "services/marketdata/MarketData.Api";
    public const string PortfolioProject = "services/portfolio/Portfolio.Api";
    public const string LoansProject = "services/loans/Loans.Api";

    /// <summary>The deals service's client secret in this run (registered in identity, given to deals).</summary>
    private static readonly string DealsClientSecret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    /// <summary>The portfolio service's client secret in this run (registered in identity, given to portfolio).</summary>
    public static string PortfolioClientSecret { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public static Uri Gateway { get; private set; } = null!;

    /// <summary>What an operator gives the identity service: its database, broker, cache, issuer and key passphrase.</summary>
    public static IReadOnlyDictionary<string, string> IdentityEnvironment { get; private set; } = null!;

    public const string ConsoleClientId = "platform-console";

    public static HttpClient CreateClient() => new() { BaseAddress = Gateway, Timeout = TimeSpan.FromSeconds(30) };

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var identityPort = TestPorts.Next();
        var dealsPort = TestPorts.Next();
        var alertsPort = TestPorts.Next();
        var marketDataPort = TestPorts.Next();
        var portfolioPort = TestPorts.Next();
        var loansPort = TestPorts.Next();
        var gatewayPort = TestPorts.Next();
        var issuer = $"http://127.0.0.1:{gatewayPort}";
        _identityDatabase = await ScratchDatabase.CreateAsync("identity");
        _portfolioDatabase = await ScratchDatabase.CreateAsync("portfolio");

        // Alerts first, as make run does: its queues must exist before identity publishes the demo users.
        // What every service process gets: its own database login, the broker, the cache, and whose tokens to trust.
        Dictionary<string, string> ServiceEnvironment(string service, params (string Name, string Value)[] more)
        {
            var environment = new Dictionary<string, string>
            {
                ["ConnectionStrings__Postgres"] = TestEnvironment.PostgresConnectionString(service),
                ["ConnectionStrings__RabbitMq"] = TestEnvironment.RabbitMqConnectionString,
                ["ConnectionStrings__Redis"] = TestEnvironment.RedisConnectionString,
                ["Auth__Issuer"] = issuer,
                ["Auth__JwksUri"] = $"http://127.0.0.1:{identityPort}/.well-known/jwks.json",
            };
            foreach (var (name, value) in more)
            {
                environment[name] = value;
            }

            return environment;
        }

        // A service that calls marketdata as itself, with its own client, as make run starts it.
        (string, string)[] CallerOfMarketdata(string clientId, string secret) =>
        [
            ("Services__identity__BaseUrl", $"http://127.0.0.1:{identityPort}/"),
            ("Services__marketdata__BaseUrl", $"http://127.0.0.1:{marketDataPort}/"),
            ("Auth__Client__Id", clientId),
            ("Auth__Client__Secret", secret),
        ];

        Processes.Add(await ServiceProcess.StartAsync("alerts", AlertsProject, alertsPort,
            ServiceEnvironment("alerts", ("Alerts__StreamHeartbeat", "00:00:02"))));

        // Portfolio before identity as well: it gives every registered user a default portfolio.
        Processes.Add(await ServiceProcess.StartAsync("portfolio", PortfolioProject, portfolioPort,
            ServiceEnvironment("portfolio", [.. CallerOfMarketdata("portfolio", PortfolioClientSecret),
                ("ConnectionStrings__Postgres", _portfolioDatabase.ConnectionString),
                ("Storage__FileSystem__Root", Path.Combine(Path.GetTempPath(), "e2e-portfolio-storage", Guid.NewGuid().ToString("N")))])));

        IdentityEnvironment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = _identityDatabase.ConnectionString,
            ["ConnectionStrings__RabbitMq"] = TestEnvironment.RabbitMqConnectionString,
            ["ConnectionStrings__Redis"] = TestEnvironment.RedisConnectionString,
            ["Auth__Issuer"] = issuer,
            ["Identity__SigningKeyPassphrase"] = TestEnvironment.IdentityKeyPassphrase,
            // The development console client, as make run registers it, with this run's gateway address.
            ["Identity__Clients__1__ClientId"] = ConsoleClientId,
            ["Identity__Clients__1__AllowedGrants__0"] = "authorization_code",
            ["Identity__Clients__1__AllowedGrants__1"] = "refresh_token",
            ["Identity__Clients__1__AllowedScopes__0"] = "openid",
            ["Identity__Clients__1__AllowedScopes__1"] = "offline_access",
            ["Identity__Clients__1__AllowedScopes__2"] = "platform-api",
            ["Identity__Clients__1__RedirectUris__0"] = $"{issuer}/console/callback",
            // Deals calls marketdata as itself, as make run registers it.
            ["Identity__Clients__2__ClientId"] = "deals",
            ["Identity__Clients__2__Secret"] = DealsClientSecret,
            ["Identity__Clients__2__AllowedGrants__0"] = "client_credentials",
            ["Identity__Clients__2__AllowedScopes__0"] = "marketdata.track",
            // Portfolio reads prices from marketdata and asks it to track symbols, as make run registers it.
            ["Identity__Clients__3__ClientId"] = "portfolio",
            ["Identity__Clients__3__Secret"] = PortfolioClientSecret,
            ["Identity__Clients__3__AllowedGrants__0"] = "client_credentials",
            ["Identity__Clients__3__AllowedScopes__0"] = "marketdata.read",
            ["Identity__Clients__3__AllowedScopes__1"] = "marketdata.track",
        };
        // The same demo users as make run, from the same file.
        var identity = new Dictionary<string, string>(IdentityEnvironment)
        {
            ["Identity__DemoUsersFile"] = Path.Combine(TestEnvironment.RepoRoot, "deploy/local/demo-users.json"),
        };
        Processes.Add(await ServiceProcess.StartAsync("identity", IdentityProject, identityPort, identity));

        // Prices move only when a test refreshes them.
        Processes.Add(await ServiceProcess.StartAsync("marketdata", MarketDataProject, marketDataPort,
            ServiceEnvironment("marketdata", ("MarketData__QuoteTickInterval", "00:00:00"))));

        Processes.Add(await ServiceProcess.StartAsync("deals", DealsProject, dealsPort,
            ServiceEnvironment("deals", CallerOfMarketdata("deals", DealsClientSecret))));

        Processes.Add(await ServiceProcess.StartAsync("loans", LoansProject, loansPort,
            ServiceEnvironment("loans", ("Storage__FileSystem__Root", Path.Combine(Path.GetTempPath(), "e2e-loans-storage", Guid.NewGuid().ToString("N"))))));

        Processes.Add(await ServiceProcess.StartAsync("gateway", "gateway/Gateway", gatewayPort, new Dictionary<string, string>
        {
            ["Auth__Issuer"] = issuer,
            ["Auth__JwksUri"] = $"http://127.0.0.1:{identityPort}/.well-known/jwks.json",
            ["ConnectionStrings__Redis"] = TestEnvironment.RedisConnectionString,
            ["ReverseProxy__Clusters__identity__Destinations__primary__Address"] = $"http://127.0.0.1:{identityPort}/",
            ["ReverseProxy__Clusters__deals__Destinations__primary__Address"] = $"http://127.0.0.1:{dealsPort}/",
            ["ReverseProxy__Clusters__alerts__Destinations__primary__Address"] = $"http://127.0.0.1:{alertsPort}/",
            ["ReverseProxy__Clusters__marketdata__Destinations__primary__Address"] = $"http://127.0.0.1:{marketDataPort}/",
            ["ReverseProxy__Clusters__portfolio__Destinations__primary__Address"] = $"http://127.0.0.1:{portfolioPort}/",
            ["ReverseProxy__Clusters__loans__Destinations__primary__Address"] = $"http://127.0.0.1:{loansPort}/",
            // Every test signs in from 127.0.0.1; the per-account login limit stays at its default.
            ["RateLimiting__LoginPermitsPerMinutePerIp"] = "200",
        }));

        Gateway = new Uri(issuer);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        foreach (var process in Enumerable.Reverse(Processes))
        {
            await process.DisposeAsync();
        }

        await _identityDatabase.DisposeAsync();
        await _portfolioDatabase.DisposeAsync();
    }

    /// <summary>A gateway client signed in as the user (JSON login), as the web console would be.</summary>
    public static async Task<HttpClient> SignedInAsync(string email, string password)
    {
        var client = CreateClient();
        var login = await OkJsonAsync(await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password }));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("accessToken").GetString());
        return client;
    }

    /// <summary>The JSON body of a response that must have <paramref name="expected"/> status; the body is in the failure message otherwise.</summary>
    public static async Task<JsonElement> OkJsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The last lines a process wrote (<c>alerts</c>, <c>marketdata</c> …), for failure messages.</summary>
    public static string OutputOf(string name) => Processes.Single(p => p.Name == name).RecentOutput;

    public static string NewEmail(string prefix) => $"{prefix}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}@e2e.test";
}
