using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Identity.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Testing;

namespace Identity.Tests.Auth;

/// <summary>Login, refresh rotation, reuse detection and logout through the JSON endpoints.</summary>
public sealed class SessionTests
{
    private static IdentityApiFactory Factory => IdentityService.Factory;

    private static async Task<HttpResponseMessage> RefreshAsync(string refreshToken)
    {
        using var client = Factory.CreateClient();
        return await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken });
    }

    private static string RefreshTokenOf(JsonElement tokens) => tokens.GetProperty("refreshToken").GetString()!;

    [Test]
    public async Task Login_WithValidCredentials_ReturnsTokenPair()
    {
        var user = await Factory.CreateUserAsync(IdentityApiFactory.NewEmail());

        var tokens = await Factory.LoginAsync(user.Email!);

        Assert.Multiple(() =>
        {
            Assert.That(tokens.GetProperty("tokenType").GetString(), Is.EqualTo("Bearer"));
            Assert.That(tokens.GetProperty("expiresIn").GetInt32(), Is.InRange(899, 900));
            Assert.That(tokens.GetProperty("accessToken").GetString(), Is.Not.Empty);
            Assert.That(RefreshTokenOf(tokens), Is.Not.Empty);
        });
    }

    [Test]
    public async Task Login_WithWrongPassword_Returns401Problem()
    {
        var user = await Factory.CreateUserAsync(IdentityApiFactory.NewEmail());
        using var client = Factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = "wrong password here" });

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
    }

    [Test]
    public async Task Refresh_Twice_WithTheSameToken_RevokesTheWholeFamily()
    {
        var user = await Factory.CreateUserAsync(IdentityApiFactory.NewEmail());
        var first = RefreshTokenOf(await Factory.LoginAsync(user.Email!));

        var rotated = await RefreshAsync(first);
        Assert.That(rotated.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var second = RefreshTokenOf(JsonDocument.Parse(await rotated.Content.ReadAsStringAsync()).RootElement);

        var reuse = await RefreshAsync(first);
        await reuse.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_refresh_token");

        var afterReuse = await RefreshAsync(second);
        await afterReuse.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_refresh_token");
    }

    [Test]
    public async Task Refresh_ConcurrentlyWithTheSameToken_SucceedsAtMostOnce()
    {
        var user = await Factory.CreateUserAsync(IdentityApiFactory.NewEmail());
        var token = RefreshTokenOf(await Factory.LoginAsync(user.Email!));

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => RefreshAsync(token)));

        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.OK), Is.LessThanOrEqualTo(1));
    }

    [Test]
    public async Task Refresh_WithUnknownToken_Returns401Problem()
    {
        var response = await RefreshAsync("this-token-was-never-issued");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_refresh_token");
    }

    [Test]
    public async Task Refresh_StoresOnlyADigestOfTheToken()
    {
        var user = await Factory.CreateUserAsync(IdentityApiFactory.NewEmail());
        var token = RefreshTokenOf(await Factory.LoginAsync(user.Email!));

        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var stored = await db.Set<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreToken<Guid>>().AsNoTracking()
            .Where(t => t.Subject == user.Id.ToString() && t.Type == "urn:ietf:params:oauth:token-type:refresh_token")
            .Select(t => new { t.ReferenceId, t.Payload })
            .ToListAsync();

        Assert.That(stored, Has.Count.EqualTo(1));
        Assert.That(stored[0].ReferenceId, Is.Not.Null.And.Not.EqualTo(token));
        Assert.That(stored[0].Payload, Does.Not.Contain(token));
    }

    [Test]
    public async Task Logout_RevokesTheSession_SoRefreshFails()
    {
        var user = await Factory.CreateUserAsync(IdentityApiFactory.NewEmail());
        var tokens = await Factory.LoginAsync(user.Email!);
        using var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());

        var logout = await client.PostAsJsonAsync("/api/v1/auth/logout", new { refreshToken = RefreshTokenOf(tokens) });

        Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await (await RefreshAsync(RefreshTokenOf(tokens))).AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_refresh_token");
    }

    [Test]
    public async Task Logout_WithAnotherUsersRefreshToken_LeavesThatSessionAlive()
    {
        var victim = await Factory.CreateUserAsync(IdentityApiFactory.NewEmail("victim"));
        var victimTokens = await Factory.LoginAsync(victim.Email!);
        var (attacker, _, _) = await Factory.SignedInClientAsync("analyst");

        var logout = await attacker.PostAsJsonAsync("/api/v1/auth/logout", new { refreshToken = RefreshTokenOf(victimTokens) });

        Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await RefreshAsync(RefreshTokenOf(victimTokens))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Logout_AllSessions_RevokesEveryRefreshTokenOfTheCaller()
    {
        var (client, user, tokens) = await Factory.SignedInClientAsync("analyst");
        var other = await Factory.LoginAsync(user.Email!);

        var logout = await client.PostAsJsonAsync("/api/v1/auth/logout", new { allSessions = true });

        Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await RefreshAsync(RefreshTokenOf(tokens))).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await RefreshAsync(RefreshTokenOf(other))).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Logout_WithoutToken_Returns401Problem()
    {
        using var client = Factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/v1/auth/logout", new { refreshToken = "x" });

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [Test]
    public async Task Me_WithValidToken_ReturnsProfileAndRoles()
    {
        var (client, user, _) = await Factory.SignedInClientAsync("reviewer");

        var me = JsonDocument.Parse(await client.GetStringAsync("/api/v1/auth/me")).RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(me.GetProperty("id").GetGuid(), Is.EqualTo(user.Id));
            Assert.That(me.GetProperty("email").GetString(), Is.EqualTo(user.Email));
            Assert.That(me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()), Is.EqualTo(new[] { "reviewer" }));
            Assert.That(me.GetProperty("isActive").GetBoolean(), Is.True);
        });
    }

    [Test]
    public async Task Login_AfterRepeatedFailures_LocksTheAccountEvenForTheRightPassword()
    {
        var user = await Factory.CreateUserAsync(IdentityApiFactory.NewEmail());
        using var client = Factory.CreateClient();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await client.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = "wrong password " + attempt });
        }

        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = IdentityApiFactory.Password });

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.locked_out");
    }

    [Test]
    public async Task Login_AfterAFailure_ThenSuccess_ResetsTheFailureCount()
    {
        var user = await Factory.CreateUserAsync(IdentityApiFactory.NewEmail());
        using var client = Factory.CreateClient();
        for (var round = 0; round < 2; round++)
        {
            await client.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = "wrong password one" });
            await client.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = "wrong password two" });
            var ok = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = IdentityApiFactory.Password });
            Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"round {round}");
        }
    }
}
