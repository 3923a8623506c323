using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Testing;

namespace Identity.Tests.Tokens;

/// <summary>Ending sessions ends the access tokens too, through the revocation list in Redis.</summary>
public sealed class AccessTokenRevocationTests
{
    private static IdentityApiFactory Factory => IdentityService.Factory;

    [Test]
    public async Task Deactivation_RefusesTheUsersAccessTokenAtOnce()
    {
        var (admin, _, _) = await Factory.SignedInClientAsync("admin");
        var (victim, user, _) = await Factory.SignedInClientAsync("analyst");
        Assert.That((await victim.GetAsync("/api/v1/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        (await admin.PostAsync($"/api/v1/users/{user.Id}/deactivate", null)).EnsureSuccessStatusCode();

        await (await victim.GetAsync("/api/v1/auth/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [Test]
    public async Task RoleChange_RefusesTokensWithTheOldRoles_ButTheRefreshedTokenWorks()
    {
        var (admin, _, _) = await Factory.SignedInClientAsync("admin");
        var (client, user, tokens) = await Factory.SignedInClientAsync("admin");

        (await admin.PutAsJsonAsync($"/api/v1/users/{user.Id}/roles", new { roles = new[] { "analyst" } })).EnsureSuccessStatusCode();

        await (await client.GetAsync("/api/v1/users")).AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        using var anonymous = Factory.CreateClient();
        var refreshed = await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = tokens.GetProperty("refreshToken").GetString() });
        var newToken = JsonDocument.Parse(await refreshed.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new("Bearer", newToken);
        Assert.That((await client.GetAsync("/api/v1/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await client.GetAsync("/api/v1/users")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "no longer an admin");
    }

    [Test]
    public async Task LogoutOfAllSessions_RefusesTheAccessTokenAtOnce()
    {
        var (client, _, _) = await Factory.SignedInClientAsync("analyst");

        (await client.PostAsJsonAsync("/api/v1/auth/logout", new { allSessions = true })).EnsureSuccessStatusCode();

        await (await client.GetAsync("/api/v1/auth/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [Test]
    public async Task Revocation_OfOneUser_LeavesOtherUsersTokensAlone()
    {
        var (admin, _, _) = await Factory.SignedInClientAsync("admin");
        var (bystander, _, _) = await Factory.SignedInClientAsync("analyst");
        var victim = await Factory.CreateUserAsync(IdentityApiFactory.NewEmail(), "analyst");

        (await admin.PostAsync($"/api/v1/users/{victim.Id}/deactivate", null)).EnsureSuccessStatusCode();

        Assert.That((await bystander.GetAsync("/api/v1/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
