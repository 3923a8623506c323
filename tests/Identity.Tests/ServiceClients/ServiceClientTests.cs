using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;

namespace Identity.Tests.ServiceClients;

/// <summary>
/// A typed service client against the real identity service (client_credentials grant) calling a
/// real Kestrel app that validates the token exactly as the platform's services do.
/// </summary>
public sealed class ServiceClientTests
{
    private const string WhoAmIPath = "api/v1/whoami";

    [Test]
    public async Task Call_CarriesTheCallersOwnTokenForTheGivenScopeOnly_NotTheUsersToken()
    {
        await using var deals = await StartValidatingDownstreamAsync();
        await using var caller = await CallingService.StartAsync(CallingService.Settings(deals.BaseAddress));

        using var request = new HttpRequestMessage(HttpMethod.Get, WhoAmIPath);
        // A handler that copied the user's token onto an outgoing call must not get it through.
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "the-users-own-token");
        using var response = await caller.Deals.Http.SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        var caller_ = JsonDocument.Parse(body).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(caller_.GetProperty("sub").GetString(), Is.EqualTo(IdentityApiFactory.ServiceClientId));
            // The client may also have platform-api; only the scope asked for is in the token.
            Assert.That(caller_.GetProperty("scope").GetString(), Is.EqualTo(CallingService.Scope));
            Assert.That(caller_.GetProperty("roles").EnumerateArray().Select(r => r.GetString()), Has.No.Member("admin"));
            Assert.That(deals.Received.Single().Authorization, Does.Not.Contain("the-users-own-token"));
        });
    }

    [Test]
    public async Task ManyCalls_IncludingConcurrentOnes_CostOneTokenRequest()
    {
        await using var deals = await StartValidatingDownstreamAsync();
        await using var caller = await CallingService.StartAsync(CallingService.Settings(deals.BaseAddress));

        var concurrent = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => caller.Deals.GetAsync(WhoAmIPath)));
        for (var i = 0; i < 5; i++)
        {
            using var response = await caller.Deals.GetAsync(WhoAmIPath);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        Assert.That(concurrent.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That(caller.TokenRequests, Is.EqualTo(1));
        Assert.That(deals.Received.Select(r => r.Authorization).Distinct().Count(), Is.EqualTo(1));
        foreach (var response in concurrent)
        {
            response.Dispose();
        }
    }

    [Test]
    public async Task Token_IsRefreshedShortlyBeforeItExpires()
    {
        await using var deals = await StartValidatingDownstreamAsync();
        var clock = new ManualTimeProvider();
        await using var caller = await CallingService.StartAsync(CallingService.Settings(deals.BaseAddress), clock);

        (await caller.Deals.GetAsync(WhoAmIPath)).Dispose();
        clock.Advance(TimeSpan.FromMinutes(13));
        (await caller.Deals.GetAsync(WhoAmIPath)).Dispose();
        Assert.That(caller.TokenRequests, Is.EqualTo(1), "still well within the 15-minute lifetime");

        // Identity's tokens live 15 minutes; the cache replaces them a minute early.
        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        using var response = await caller.Deals.GetAsync(WhoAmIPath);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(caller.TokenRequests, Is.EqualTo(2));
        Assert.That(deals.Received.Select(r => r.Authorization).Distinct().Count(), Is.EqualTo(2));
    }

    [Test]
    public async Task Token_RefusedByTheCallee_IsReplacedOnTheNextCall()
    {
        var refused = 0;
        await using var deals = await Downstream.StartAsync(app => app.MapGet("/" + WhoAmIPath, () =>
            Interlocked.Increment(ref refused) == 1 ? Results.Unauthorized() : Results.Ok()));
        await using var caller = await CallingService.StartAsync(CallingService.Settings(deals.BaseAddress));

        using var first = await caller.Deals.GetAsync(WhoAmIPath);
        using var second = await caller.Deals.GetAsync(WhoAmIPath);

        Assert.Multiple(() =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(caller.TokenRequests, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task WrongClientSecret_FailsTheCallWithTheTokenEndpointsReason()
    {
        await using var deals = await StartValidatingDownstreamAsync();
        await using var caller = await CallingService.StartAsync(CallingService.Settings(deals.BaseAddress, secret: "not-the-secret"));

        var failure = Assert.ThrowsAsync<ServiceTokenException>(() => caller.Deals.GetAsync(WhoAmIPath));

        Assert.That(failure!.Message, Does.Contain("invalid_client"));
        Assert.That(deals.Received, Is.Empty);
    }

    [TestCase("deals.read", "admin", "admin role")]
    [TestCase("deals.read platform-api", null, "was granted scope")]
    public async Task TokenWithMorePowerThanAskedFor_IsRefused(string grantedScope, string? role, string message)
    {
        await using var identity = await Downstream.StartAsync(app => app.MapPost("/connect/token", () => Results.Json(new
        {
            access_token = UnsignedJwt(role),
            token_type = "Bearer",
            expires_in = 900,
            scope = grantedScope,
        })));
        await using var deals = await Downstream.StartAsync(app => app.MapGet("/" + WhoAmIPath, () => Results.Ok()));
        var settings = CallingService.Settings(deals.BaseAddress);
        settings["Auth:Client:TokenEndpoint"] = new Uri(identity.BaseAddress, "connect/token").ToString();
        await using var caller = await CallingService.StartAsync(settings, tokenEndpoint: () => new SocketsHttpHandler());

        var failure = Assert.ThrowsAsync<ServiceTokenException>(() => caller.Deals.GetAsync(WhoAmIPath));

        Assert.That(failure!.Message, Does.Contain(message));
        Assert.That(deals.Received, Is.Empty);
    }

    [TestCase("Services:deals:BaseUrl", "Services:deals:BaseUrl")]
    [TestCase("Auth:Client:Secret", "Auth:Client:Secret")]
    [TestCase("Auth:Client:TokenEndpoint", "Auth:Client:TokenEndpoint")]
    public void MissingSetting_FailsAtStartUp(string missing, string message)
    {
        var settings = CallingService.Settings(new Uri("http://127.0.0.1:9/"));
        settings.Remove(missing);

        var failure = Assert.ThrowsAsync<OptionsValidationException>(() => CallingService.StartAsync(settings));

        Assert.That(failure!.Message, Does.Contain(message));
    }

    [Test]
    public async Task TokenEndpoint_DefaultsToIdentitysBaseUrl()
    {
        var settings = CallingService.Settings(new Uri("http://127.0.0.1:9/"));
        settings.Remove("Auth:Client:TokenEndpoint");
        settings["Services:identity:BaseUrl"] = "http://identity:8080";
        await using var caller = await CallingService.StartAsync(settings);

        var options = caller.Services.GetRequiredService<IOptions<ServiceClientOptions>>().Value;

        Assert.That(options.TokenEndpoint, Is.EqualTo("http://identity:8080/connect/token"));
    }

    /// <summary>A callee that accepts only tokens valid by the platform's rules, signed by the identity test host, with the deals.read scope.</summary>
    private static async Task<Downstream> StartValidatingDownstreamAsync()
    {
        using var identity = IdentityService.Factory.CreateClient();
        var keys = new JsonWebKeySet(await identity.GetStringAsync("/.well-known/jwks.json")).GetSigningKeys();
        var validation = AuthenticationSetup.CreateValidationParameters(new AuthOptions { Issuer = IdentityApiFactory.Issuer, Audience = "platform-api" });
        validation.IssuerSigningKeys = keys;

        return await Downstream.StartAsync(
            app =>
            {
                app.UseAuthentication();
                app.UseAuthorization();
                app.MapGet("/" + WhoAmIPath, (HttpContext http) => Results.Json(new
                {
                    sub = http.User.FindFirst("sub")?.Value,
                    scope = http.User.FindFirst("scope")?.Value,
                    roles = http.User.FindAll("role").Select(c => c.Value).ToArray(),
                })).RequireAuthorization(policy => policy.RequireClaim("scope", CallingService.Scope));
            },
            services =>
            {
                services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
                {
                    jwt.MapInboundClaims = false;
                    jwt.TokenValidationParameters = validation;
                });
                services.AddAuthorization();
            });
    }

    private static string UnsignedJwt(string? role)
    {
        static string Part(object value) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value)));
        var payload = role is null
            ? (object)new { sub = IdentityApiFactory.ServiceClientId }
            : new { sub = IdentityApiFactory.ServiceClientId, role };
        return Part(new { alg = "none", typ = "at+jwt" }) + "." + Part(payload) + ".";
    }
}
