using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Identity.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Testing;

namespace Identity.Tests.Users;

public sealed class UserAdministrationTests
{
    private static IdentityApiFactory Factory => IdentityService.Factory;

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    [TestCase("analyst")]
    [TestCase("reviewer")]
    public async Task ListUsers_AsNonAdmin_Returns403Problem(string role)
    {
        var (client, _, _) = await Factory.SignedInClientAsync(role);

        var response = await client.GetAsync("/api/v1/users");

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.forbidden");
    }

    [Test]
    public async Task ListUsers_AsAdmin_ReturnsPagedFilteredUsers()
    {
        var (admin, _, _) = await Factory.SignedInClientAsync("admin");
        var marker = Guid.NewGuid().ToString("N")[..10];
        for (var i = 0; i < 3; i++)
        {
            await Factory.CreateUserAsync($"{marker}-{i}@example.test", "analyst");
        }

        var page = await ReadAsync(await admin.GetAsync($"/api/v1/users?search={marker}&pageSize=2&page=2"));

        Assert.Multiple(() =>
        {
            Assert.That(page.GetProperty("totalCount").GetInt64(), Is.EqualTo(3));
            Assert.That(page.GetProperty("page").GetInt32(), Is.EqualTo(2));
            Assert.That(page.GetProperty("pageSize").GetInt32(), Is.EqualTo(2));
            Assert.That(page.GetProperty("items").GetArrayLength(), Is.EqualTo(1));
            Assert.That(page.GetProperty("items")[0].GetProperty("email").GetString(), Is.EqualTo($"{marker}-2@example.test"));
        });
    }

    [Test]
    public async Task ListUsers_WithPageSizeOverLimit_Returns400Problem()
    {
        var (admin, _, _) = await Factory.SignedInClientAsync("admin");

        var response = await admin.GetAsync("/api/v1/users?pageSize=500");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(problem.GetProperty("errors").TryGetProperty("pageSize", out _), Is.True);
    }

    [Test]
    public async Task ListUsers_WithNonNumericPage_Returns400Problem()
    {
        var (admin, _, _) = await Factory.SignedInClientAsync("admin");

        var response = await admin.GetAsync("/api/v1/users?page=abc");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "request.invalid");
    }

    [Test]
    public async Task CreateUser_AsAdmin_Returns201AndTheUserCanSignIn()
    {
        var (admin, _, _) = await Factory.SignedInClientAsync("admin");
        var email = IdentityApiFactory.NewEmail("created");

        var response = await admin.PostAsJsonAsync("/api/v1/users",
            new { email, password = IdentityApiFactory.Password, displayName = "Rita Reviewer", roles = new[] { "reviewer" } });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var created = await ReadAsync(response);
        Assert.That((await admin.GetAsync(response.Headers.Location)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(created.GetProperty("roles")[0].GetString(), Is.EqualTo("reviewer"));
        Assert.That((await Factory.LoginAsync(email)).GetProperty("accessToken").GetString(), Is.Not.Empty);
    }

    [Test]
    public async Task CreateUserAndChangeRoles_WithTheRiskAndLoanRoles_AreAcceptedAndCarriedInTheToken()
    {
        var (admin, _, _) = await Factory.SignedInClientAsync("admin");
        var email = IdentityApiFactory.NewEmail("desk");

        var created = await admin.PostAsJsonAsync("/api/v1/users",
            new { email, password = IdentityApiFactory.Password, displayName = "Desk Person", roles = new[] { "risk-manager" } });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var id = (await ReadAsync(created)).GetProperty("id").GetGuid();

        var changed = await admin.PutAsJsonAsync($"/api/v1/users/{id}/roles", new { roles = new[] { "risk-manager", "loan-officer" } });
        Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await changed.Content.ReadAsStringAsync());

        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken((await Factory.LoginAsync(email)).GetProperty("accessToken").GetString());
        Assert.That(token.Claims.Where(c => c.Type == "role").Select(c => c.Value), Is.EquivalentTo(new[] { "loan-officer", "risk-manager" }));
        var listed = await ReadAsync(await admin.GetAsync($"/api/v1/users?role=loan-officer&search={Uri.EscapeDataString(email)}"));
        Assert.That(listed.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("id").GetGuid()), Is.EqualTo(new[] { id }));
    }

    [Test]
    public async Task CreateUser_WithUnknownRole_Returns400Problem()
    {
        var (admin, _, _) = await Factory.SignedInClientAsync("admin");

        var response = await admin.PostAsJsonAsync("/api/v1/users",
            new { email = IdentityApiFactory.NewEmail(), password = IdentityApiFactory.Password, displayName = "X", roles = new[] { "superuser" } });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(problem.GetProperty("errors").TryGetProperty("roles", out _), Is.True);
    }

    [Test]
    public async Task ChangeRoles_TakesEffectAtTheNextRefresh()
    {
        var (admin, _, _) = await Factory.SignedInClientAsync("admin");
        var user = await Factory.CreateUserAsync(IdentityApiFactory.NewEmail(), "analyst");
        var tokens = await Factory.LoginAsync(user.Email!);

        var change = await admin.PutAsJsonAsync($"/api/v1/users/{user.Id}/roles", new { roles = new[] { "reviewer", "analyst" } });
        Assert.That(change.StatusCode, Is.EqualTo(HttpStatusCode.OK), await change.Content.ReadAsStringAsync());

        using var anonymous = Factory.CreateClient();
        var refreshed = await ReadAsync(await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = tokens.GetProperty("refreshToken").GetString() }));
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(refreshed.GetProperty("accessToken").GetString());
        Assert.That(token.Claims.Where(c => c.Type == "role").Select(c => c.Value), Is.EquivalentTo(new[] { "analyst", "reviewer" }));
    }

    [Test]
    public async Task ChangeRoles_RemovingOwnAdminRole_Returns422Problem()
    {
        var (admin, self, _) = await Factory.SignedInClientAsync("admin");

        var response = await admin.PutAsJsonAsync($"/api/v1/users/{self.Id}/roles", new { roles = new[] { "analyst" } });

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "user.cannot_remove_own_admin");
    }

    [Test]
    public async Task ChangeRoles_ForUnknownUser_Returns404Problem()
    {
        var (admin, _, _) = await Factory.SignedInClientAsync("admin");

        var response = await admin.PutAsJsonAsync($"/api/v1/users/{Guid.NewGuid()}/roles", new { roles = new[] { "analyst" } });

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "user.not_found");
    }

    [Test]
    public async Task Deactivate_BlocksSignInAndRevokesRefreshTokens()
    {
        var (admin, _, _) = await Factory.SignedInClientAsync("admin");
        var user = await Factory.CreateUserAsync(IdentityApiFactory.NewEmail(), "analyst");
        var tokens = await Factory.LoginAsync(user.Email!);

        var response = await admin.PostAsync($"/api/v1/users/{user.Id}/deactivate", null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That((await ReadAsync(response)).GetProperty("isActive").GetBoolean(), Is.False);
        using var anonymous = Factory.CreateClient();
        var login = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = IdentityApiFactory.Password });
        await login.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
        var refresh = await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = tokens.GetProperty("refreshToken").GetString() });
        await refresh.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_refresh_token");
    }

    [Test]
    public async Task Deactivate_Self_Returns422Problem()
    {
        var (admin, self, _) = await Factory.SignedInClientAsync("admin");

        var response = await admin.PostAsync($"/api/v1/users/{self.Id}/deactivate", null);

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "user.cannot_deactivate_self");
    }

    [Test]
    public async Task UserChanges_AreAudited_WithSecretsRedacted()
    {
        var (admin, adminUser, _) = await Factory.SignedInClientAsync("admin");
        var user = await Factory.CreateUserAsync(IdentityApiFactory.NewEmail(), "analyst");

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/users/{user.Id}/deactivate");
        request.Headers.Add("X-Request-ID", "audit-test-" + user.Id.ToString("N"));
        (await admin.SendAsync(request)).EnsureSuccessStatusCode();

        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var entries = await db.AuditLog.AsNoTracking().Where(a => a.EntityId == user.Id.ToString()).OrderBy(a => a.OccurredAt).ToListAsync();
        var created = entries.First(e => e.Action == "created");
        var deactivation = entries.Single(e => e.RequestId == "audit-test-" + user.Id.ToString("N") && e.Changes.Contains("deactivatedAt"));

        Assert.Multiple(() =>
        {
            Assert.That(JsonDocument.Parse(created.Changes).RootElement.GetProperty("passwordHash").GetProperty("after").GetString(), Is.EqualTo("***"));
            Assert.That(created.Changes, Does.Not.Contain("AQAAAA"), "no password hash material in the audit log");
            Assert.That(deactivation.Actor, Is.EqualTo(adminUser.Id.ToString()));
            Assert.That(deactivation.Action, Is.EqualTo("updated"));
            Assert.That(JsonDocument.Parse(deactivation.Changes).RootElement.GetProperty("deactivatedAt").GetProperty("before").ValueKind,
                Is.EqualTo(JsonValueKind.Null));
        });
    }
}
