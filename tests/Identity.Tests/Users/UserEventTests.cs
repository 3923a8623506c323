using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Identity.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Messaging.Outbox;

namespace Identity.Tests.Users;

/// <summary>Every change other services must know of leaves through the outbox, in the change's transaction.</summary>
public sealed class UserEventTests
{
    private static IdentityApiFactory Factory => IdentityService.Factory;

    [Test]
    public async Task CreateUser_WritesUserRegisteredWithTheRoles()
    {
        var (admin, _, _) = await Factory.SignedInClientAsync("admin");
        var email = IdentityApiFactory.NewEmail();

        var created = await admin.PostAsJsonAsync("/api/v1/users", new { email, password = IdentityApiFactory.Password, displayName = "Event Person", roles = new[] { "reviewer" } });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var events = await EventsAboutAsync(id);
        Assert.That(events.Select(e => e.Type), Is.EqualTo(new[] { "UserRegistered" }));
        Assert.That(events[0].Payload.GetProperty("email").GetString(), Is.EqualTo(email));
        Assert.That(events[0].Payload.GetProperty("roles").EnumerateArray().Select(r => r.GetString()), Is.EqualTo(new[] { "reviewer" }));
    }

    [Test]
    public async Task ChangeRolesThenDeactivate_WriteTheirEventsInOrder()
    {
        var (admin, _, _) = await Factory.SignedInClientAsync("admin");
        var user = await Factory.CreateUserAsync(IdentityApiFactory.NewEmail(), "analyst");

        Assert.That((await admin.PutAsJsonAsync($"/api/v1/users/{user.Id}/roles", new { roles = new[] { "analyst", "reviewer" } })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await admin.PostAsync($"/api/v1/users/{user.Id}/deactivate", null)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var events = await EventsAboutAsync(user.Id);
        Assert.That(events.Select(e => e.Type), Is.EqualTo(new[] { "UserRolesChanged", "UserSessionsRevoked", "UserDeactivated", "UserSessionsRevoked" }));
        Assert.That(events[0].Payload.GetProperty("roles").EnumerateArray().Select(r => r.GetString()), Is.EquivalentTo(new[] { "analyst", "reviewer" }));
        Assert.That(events.Where(e => e.Type == "UserSessionsRevoked").Select(e => e.Payload.GetProperty("reason").GetString()), Is.EqualTo(new[] { "roles_changed", "user_deactivated" }));
    }

    [Test]
    public async Task LogoutOfAllSessions_WritesUserSessionsRevoked()
    {
        var (client, user, _) = await Factory.SignedInClientAsync("analyst");

        Assert.That((await client.PostAsJsonAsync("/api/v1/auth/logout", new { allSessions = true })).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        var events = await EventsAboutAsync(user.Id);
        Assert.That(events.Select(e => e.Type), Is.EqualTo(new[] { "UserSessionsRevoked" }));
        Assert.That(events[0].Payload.GetProperty("reason").GetString(), Is.EqualTo("logout_all"));
        Assert.That(events[0].Payload.GetProperty("userId").GetGuid(), Is.EqualTo(user.Id));
    }

    [Test]
    public async Task ChangeRoles_WhenRefused_WritesNoEvent()
    {
        var (admin, self, _) = await Factory.SignedInClientAsync("admin");

        var refused = await admin.PutAsJsonAsync($"/api/v1/users/{self.Id}/roles", new { roles = new[] { "analyst" } });

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That((await EventsAboutAsync(self.Id)).Select(e => e.Type), Has.None.EqualTo("UserRolesChanged"));
    }

    [Test]
    public async Task Republish_AsAdmin_WritesTheCurrentStateOfEveryUser()
    {
        var (admin, _, _) = await Factory.SignedInClientAsync("admin");
        var reviewer = await Factory.CreateUserAsync(IdentityApiFactory.NewEmail(), "reviewer");
        var retired = await Factory.CreateUserAsync(IdentityApiFactory.NewEmail(), "analyst");
        Assert.That((await admin.PostAsync($"/api/v1/users/{retired.Id}/deactivate", null)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var users = await scope.ServiceProvider.GetRequiredService<IdentityDb>().Users.CountAsync();
            var response = await admin.PostAsync("/api/v1/users/admin/republish", null);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
            var published = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("published").GetInt32();
            Assert.That(published, Is.GreaterThanOrEqualTo(users), "every user, including those created meanwhile by other tests");
        }

        var reviewerState = (await EventsAboutAsync(reviewer.Id)).Last(e => e.Type == "UserSynchronized").Payload;
        Assert.That(reviewerState.GetProperty("active").GetBoolean(), Is.True);
        Assert.That(reviewerState.GetProperty("roles").EnumerateArray().Select(r => r.GetString()), Is.EqualTo(new[] { "reviewer" }));
        var retiredState = (await EventsAboutAsync(retired.Id)).Last(e => e.Type == "UserSynchronized").Payload;
        Assert.That(retiredState.GetProperty("active").GetBoolean(), Is.False);
    }

    [TestCase("analyst")]
    [TestCase("reviewer")]
    public async Task Republish_AsNonAdmin_Returns403(string role)
    {
        var (client, _, _) = await Factory.SignedInClientAsync(role);

        Assert.That((await client.PostAsync("/api/v1/users/admin/republish", null)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    private static async Task<List<(string Type, JsonElement Payload)>> EventsAboutAsync(Guid userId)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<IdentityDb>().Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.AggregateId == userId)
            .OrderBy(m => m.Sequence)
            .Select(m => new { m.MessageType, m.Payload })
            .ToListAsync();
        return rows.Select(r => (r.MessageType[(r.MessageType.LastIndexOf('.') + 1)..], JsonDocument.Parse(r.Payload).RootElement.Clone())).ToList();
    }
}
