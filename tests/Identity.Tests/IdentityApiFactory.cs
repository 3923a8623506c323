using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Identity.Domain;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Testing;

namespace Identity.Tests;

/// <summary>The identity service in process, on the real PostgreSQL, RabbitMQ and Redis of the local infrastructure.</summary>
public sealed class IdentityApiFactory(Action<IWebHostBuilder>? customize = null) : WebApplicationFactory<Program>
{
    public const string Issuer = "http://identity.test";
    public const string ServiceClientId = "test-service";
    public static readonly string ServiceClientSecret = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
    public const string Password = "correct horse battery staple";
    public const string ConsoleClientId = "test-console";
    public const string ConsoleRedirectUri = "http://127.0.0.1:8080/console/callback";
    public const string PartnerClientId = "test-partner";
    public const string PartnerRedirectUri = "https://partner.example/oidc/callback";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Postgres", TestEnvironment.PostgresConnectionString("identity"));
        builder.UseSetting("ConnectionStrings:RabbitMq", TestEnvironment.RabbitMqConnectionString);
        builder.UseSetting("ConnectionStrings:Redis", TestEnvironment.RedisConnectionString);
        builder.UseSetting("Auth:Issuer", Issuer);
        builder.UseSetting("Identity:SigningKeyPassphrase", TestEnvironment.IdentityKeyPassphrase);
        builder.UseSetting("Identity:MaxFailedSignIns", "3");
        builder.UseSetting("Identity:Clients:1:ClientId", ServiceClientId);
        builder.UseSetting("Identity:Clients:1:Secret", ServiceClientSecret);
        builder.UseSetting("Identity:Clients:1:AllowedGrants:0", "client_credentials");
        builder.UseSetting("Identity:Clients:1:AllowedScopes:0", "platform-api");
        builder.UseSetting("Identity:Clients:1:AllowedScopes:1", "deals.read");
        builder.UseSetting("Identity:Clients:2:ClientId", ConsoleClientId);
        builder.UseSetting("Identity:Clients:2:AllowedGrants:0", "authorization_code");
        builder.UseSetting("Identity:Clients:2:AllowedGrants:1", "refresh_token");
        builder.UseSetting("Identity:Clients:2:AllowedScopes:0", "openid");
        builder.UseSetting("Identity:Clients:2:AllowedScopes:1", "profile");
        builder.UseSetting("Identity:Clients:2:AllowedScopes:2", "email");
        builder.UseSetting("Identity:Clients:2:AllowedScopes:3", "roles");
        builder.UseSetting("Identity:Clients:2:AllowedScopes:4", "offline_access");
        builder.UseSetting("Identity:Clients:2:AllowedScopes:5", "platform-api");
        builder.UseSetting("Identity:Clients:2:RedirectUris:0", ConsoleRedirectUri);
        builder.UseSetting("Identity:Clients:2:PostLogoutRedirectUris:0", "http://127.0.0.1:8080/console/");
        builder.UseSetting("Identity:Clients:3:ClientId", PartnerClientId);
        builder.UseSetting("Identity:Clients:3:DisplayName", "Partner Analytics");
        builder.UseSetting("Identity:Clients:3:RequireConsent", "true");
        builder.UseSetting("Identity:Clients:3:AllowedGrants:0", "authorization_code");
        builder.UseSetting("Identity:Clients:3:AllowedScopes:0", "openid");
        builder.UseSetting("Identity:Clients:3:AllowedScopes:1", "profile");
        builder.UseSetting("Identity:Clients:3:AllowedScopes:2", "platform-api");
        builder.UseSetting("Identity:Clients:3:RedirectUris:0", PartnerRedirectUri);
        customize?.Invoke(builder);
    }

    public static string NewEmail(string prefix = "user") => $"{prefix}-{Guid.NewGuid():N}@example.test";

    /// <summary>Creates a user directly (no HTTP), with the given roles.</summary>
    public async Task<User> CreateUserAsync(string email, params string[] roles)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var user = User.Create(email, "Test " + email.Split('@')[0]);
        var created = await users.CreateAsync(user, Password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRolesAsync(user, roles);
        return user;
    }

    public async Task<JsonElement> LoginAsync(string email, string password = Password)
    {
        using var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Login failed: {(int)response.StatusCode} {body}");
        }

        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>A client carrying the access token of a fresh user with the given roles.</summary>
    public async Task<(HttpClient Client, User User, JsonElement Tokens)> SignedInClientAsync(params string[] roles)
    {
        var user = await CreateUserAsync(NewEmail(string.Join('-', roles)), roles);
        var tokens = await LoginAsync(user.Email!);
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());
        return (client, user, tokens);
    }
}

/// <summary>One identity service for the whole assembly: start-up (migrations, keys, bus) is paid once.</summary>
[SetUpFixture]
public sealed class IdentityService
{
    public static IdentityApiFactory Factory { get; private set; } = null!;

    [OneTimeSetUp]
    public void Start()
    {
        Factory = new IdentityApiFactory();
        using var warmUp = Factory.CreateClient();
    }

    [OneTimeTearDown]
    public async Task Stop() => await Factory.DisposeAsync();
}
