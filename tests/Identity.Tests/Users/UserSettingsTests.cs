using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Identity.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Testing;

namespace Identity.Tests.Users;

/// <summary>GET and PATCH /api/v1/users/me/settings: the signed-in user's own settings, merge patch, ETag and If-Match.</summary>
public sealed class UserSettingsTests
{
    private const string Path = "/api/v1/users/me/settings";

    private static IdentityApiFactory Factory => IdentityService.Factory;

    private static async Task<HttpClient> SignedInAsync() => (await Factory.SignedInClientAsync("analyst")).Client;

    private static async Task<(JsonElement Body, string ETag)> GetAsync(HttpClient client)
    {
        using var response = await client.GetAsync(Path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        return (JsonDocument.Parse(text).RootElement.Clone(), response.Headers.ETag!.ToString());
    }

    private static Task<HttpResponseMessage> PatchAsync(HttpClient client, string? ifMatch, string json, string mediaType = "application/merge-patch+json")
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, Path) { Content = new StringContent(json, Encoding.UTF8, mediaType) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }

    private static async Task<(JsonElement Body, string ETag)> PatchOkAsync(HttpClient client, string ifMatch, string json)
    {
        using var response = await PatchAsync(client, ifMatch, json);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        return (JsonDocument.Parse(text).RootElement.Clone(), response.Headers.ETag!.ToString());
    }

    private static JsonElement Delivery(JsonElement settings) => settings.GetProperty("alertDelivery");

    [Test]
    public async Task Get_WhenNothingStored_ReturnsTheDefaultsWithAnETag()
    {
        using var client = await SignedInAsync();

        var (settings, etag) = await GetAsync(client);

        Assert.Multiple(() =>
        {
            Assert.That(settings.GetProperty("timeZone").GetString(), Is.EqualTo("UTC"));
            Assert.That(settings.GetProperty("defaultPortfolioId").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(Delivery(settings).GetProperty("inApp").GetBoolean(), Is.True);
            Assert.That(Delivery(settings).GetProperty("email").GetBoolean(), Is.False);
            Assert.That(Delivery(settings).GetProperty("minimumSeverity").GetString(), Is.EqualTo("info"));
            Assert.That(Delivery(settings).GetProperty("quietHours").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(etag, Is.EqualTo("\"0\""));
            Assert.That(settings.TryGetProperty("version", out _), Is.False, "the version travels as the ETag");
        });
    }

    [Test]
    public async Task Patch_EveryField_IsReadBackWithTheNewETag_AndIfNoneMatchAnswers304()
    {
        using var client = await SignedInAsync();
        var portfolio = Guid.NewGuid();

        var (patched, etag) = await PatchOkAsync(client, "\"0\"", $$$"""
            {"timeZone": "Europe/London", "defaultPortfolioId": "{{{portfolio}}}",
             "alertDelivery": {"inApp": false, "email": true, "minimumSeverity": "warning", "quietHours": {"start": "22:30", "end": "07:00"} } }
            """);

        var (read, readTag) = await GetAsync(client);
        Assert.Multiple(() =>
        {
            Assert.That(read.ToString(), Is.EqualTo(patched.ToString()));
            Assert.That(readTag, Is.EqualTo(etag).And.Not.EqualTo("\"0\""));
            Assert.That(read.GetProperty("timeZone").GetString(), Is.EqualTo("Europe/London"));
            Assert.That(read.GetProperty("defaultPortfolioId").GetGuid(), Is.EqualTo(portfolio));
            Assert.That(Delivery(read).GetProperty("inApp").GetBoolean(), Is.False);
            Assert.That(Delivery(read).GetProperty("email").GetBoolean(), Is.True);
            Assert.That(Delivery(read).GetProperty("minimumSeverity").GetString(), Is.EqualTo("warning"));
            Assert.That(Delivery(read).GetProperty("quietHours").GetProperty("start").GetString(), Is.EqualTo("22:30"));
            Assert.That(Delivery(read).GetProperty("quietHours").GetProperty("end").GetString(), Is.EqualTo("07:00"));
        });

        using var conditional = new HttpRequestMessage(HttpMethod.Get, Path);
        conditional.Headers.TryAddWithoutValidation("If-None-Match", etag);
        using var notModified = await client.SendAsync(conditional);
        Assert.That(notModified.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
    }

    [Test]
    public async Task Patch_MergeSemantics_AbsentMembersStay_NullResetsToTheDefault()
    {
        using var client = await SignedInAsync();
        var portfolio = Guid.NewGuid();
        var (_, etag) = await PatchOkAsync(client, "\"0\"", $$$"""
            {"timeZone": "America/New_York", "defaultPortfolioId": "{{{portfolio}}}",
             "alertDelivery": {"email": true, "minimumSeverity": "critical", "quietHours": {"start": "23:00", "end": "06:00"} } }
            """);

        // Nested members merge one by one: only the quiet hours' start changes.
        var (moved, movedTag) = await PatchOkAsync(client, etag, """{"alertDelivery": {"quietHours": {"start": "21:00"}}}""");
        Assert.Multiple(() =>
        {
            Assert.That(moved.GetProperty("timeZone").GetString(), Is.EqualTo("America/New_York"));
            Assert.That(moved.GetProperty("defaultPortfolioId").GetGuid(), Is.EqualTo(portfolio));
            Assert.That(Delivery(moved).GetProperty("email").GetBoolean(), Is.True);
            Assert.That(Delivery(moved).GetProperty("minimumSeverity").GetString(), Is.EqualTo("critical"));
            Assert.That(Delivery(moved).GetProperty("quietHours").GetProperty("start").GetString(), Is.EqualTo("21:00"));
            Assert.That(Delivery(moved).GetProperty("quietHours").GetProperty("end").GetString(), Is.EqualTo("06:00"));
        });

        var (reset, _) = await PatchOkAsync(client, movedTag, """
            {"timeZone": null, "defaultPortfolioId": null, "alertDelivery": {"minimumSeverity": null, "quietHours": null}}
            """);
        Assert.Multiple(() =>
        {
            Assert.That(reset.GetProperty("timeZone").GetString(), Is.EqualTo("UTC"));
            Assert.That(reset.GetProperty("defaultPortfolioId").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(Delivery(reset).GetProperty("email").GetBoolean(), Is.True, "absent: unchanged");
            Assert.That(Delivery(reset).GetProperty("minimumSeverity").GetString(), Is.EqualTo("info"));
            Assert.That(Delivery(reset).GetProperty("quietHours").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [Test]
    public async Task Patch_AsPlainJsonWithIfMatchStar_IsAccepted_AndAnEmptyPatchChangesNothing()
    {
        using var client = await SignedInAsync();

        using var plain = await PatchAsync(client, "*", """{"timeZone": "Asia/Tokyo"}""", "application/json");
        Assert.That(plain.StatusCode, Is.EqualTo(HttpStatusCode.OK), await plain.Content.ReadAsStringAsync());

        var (settings, _) = await PatchOkAsync(client, "*", "{}");
        Assert.That(settings.GetProperty("timeZone").GetString(), Is.EqualTo("Asia/Tokyo"));
    }

    [TestCase("""{"timeZone": "Mars/Olympus_Mons"}""", "timeZone")]
    [TestCase("""{"timeZone": "GMT Standard Time"}""", "timeZone")]
    [TestCase("""{"timeZone": "europe/london"}""", "timeZone")]
    [TestCase("""{"timeZone": "../../etc/passwd"}""", "timeZone")]
    [TestCase("""{"timeZone": ""}""", "timeZone")]
    [TestCase("""{"timeZone": "Europe/London\t"}""", "timeZone")]
    [TestCase("""{"timeZone": 5}""", "timeZone")]
    [TestCase("""{"defaultPortfolioId": "00000000-0000-0000-0000-000000000000"}""", "defaultPortfolioId")]
    [TestCase("""{"defaultPortfolioId": "not-a-guid"}""", "defaultPortfolioId")]
    [TestCase("""{"alertDelivery": {"minimumSeverity": "urgent"}}""", "alertDelivery.minimumSeverity")]
    [TestCase("""{"alertDelivery": {"minimumSeverity": "2"}}""", "alertDelivery.minimumSeverity")]
    [TestCase("""{"alertDelivery": {"minimumSeverity": 2}}""", "alertDelivery.minimumSeverity")]
    [TestCase("""{"alertDelivery": {"inApp": "yes"}}""", "alertDelivery.inApp")]
    [TestCase("""{"alertDelivery": {"quietHours": {"start": "22:00"}}}""", "alertDelivery.quietHours.end")]
    [TestCase("""{"alertDelivery": {"quietHours": {"start": "10pm", "end": "06:00"}}}""", "alertDelivery.quietHours.start")]
    [TestCase("""{"alertDelivery": {"quietHours": {"start": "22:00", "end": "24:00"}}}""", "alertDelivery.quietHours.end")]
    [TestCase("""{"alertDelivery": {"quietHours": {"start": "22:00", "end": "22:00"}}}""", "alertDelivery.quietHours.end")]
    [TestCase("""{"alertDelivery": 5}""", "alertDelivery")]
    [TestCase("""{"theme": "dark"}""", "theme")]
    [TestCase("""{"TimeZone": "Europe/London"}""", "TimeZone")]
    [TestCase("""{"alertDelivery": {"sms": true}}""", "alertDelivery.sms")]
    public async Task Patch_WithAnInvalidValue_Is400NamingTheField_AndStoresNothing(string json, string field)
    {
        using var client = await SignedInAsync();

        var response = await PatchAsync(client, "\"0\"", json);

        await response.AssertProblemNamingAsync(HttpStatusCode.BadRequest, "validation_failed", field);
        var (_, etag) = await GetAsync(client);
        Assert.That(etag, Is.EqualTo("\"0\""), "nothing was stored");
    }

    [Test]
    public async Task Patch_WithAControlCharacterInText_IsRefusedByTheSharedRule()
    {
        using var client = await SignedInAsync();

        var response = await PatchAsync(client, "\"0\"", """{"timeZone": "Europe/London\u0000"}""");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "request.invalid_characters");
    }

    [Test]
    public async Task Patch_WithAStaleIfMatch_Is412_AndWithoutIfMatch_Is428()
    {
        using var client = await SignedInAsync();
        var (_, first) = await PatchOkAsync(client, "\"0\"", """{"timeZone": "Europe/Paris"}""");
        await PatchOkAsync(client, first, """{"timeZone": "Europe/Berlin"}""");

        await (await PatchAsync(client, first, """{"timeZone": "Europe/Rome"}""")).AssertProblemAsync(HttpStatusCode.PreconditionFailed, "settings.stale");
        await (await PatchAsync(client, "\"0\"", """{"timeZone": "Europe/Rome"}""")).AssertProblemAsync(HttpStatusCode.PreconditionFailed, "settings.stale");
        await (await PatchAsync(client, "W/" + first, """{"timeZone": "Europe/Rome"}""")).AssertProblemAsync(HttpStatusCode.PreconditionFailed, "settings.stale");
        await (await PatchAsync(client, null, """{"timeZone": "Europe/Rome"}""")).AssertProblemAsync(HttpStatusCode.PreconditionRequired, "settings.version_required");
        await (await PatchAsync(client, "version-one", """{"timeZone": "Europe/Rome"}""")).AssertProblemNamingAsync(HttpStatusCode.BadRequest, "validation_failed", "If-Match");

        var (settings, _) = await GetAsync(client);
        Assert.That(settings.GetProperty("timeZone").GetString(), Is.EqualTo("Europe/Berlin"));
    }

    [Test]
    public async Task Patch_ByOneUser_LeavesAnotherUsersSettingsAlone()
    {
        using var alice = await SignedInAsync();
        using var bob = await SignedInAsync();
        await PatchOkAsync(bob, "\"0\"", """{"timeZone": "Australia/Sydney"}""");

        await PatchOkAsync(alice, "\"0\"", """{"timeZone": "America/Chicago", "alertDelivery": {"email": true}}""");

        var (bobs, _) = await GetAsync(bob);
        var (alices, _) = await GetAsync(alice);
        Assert.Multiple(() =>
        {
            Assert.That(bobs.GetProperty("timeZone").GetString(), Is.EqualTo("Australia/Sydney"));
            Assert.That(Delivery(bobs).GetProperty("email").GetBoolean(), Is.False);
            Assert.That(alices.GetProperty("timeZone").GetString(), Is.EqualTo("America/Chicago"));
        });
    }

    [Test]
    public async Task Patch_IsAudited_WithTheChangedSettings()
    {
        var (client, user, _) = await Factory.SignedInClientAsync("analyst");
        using (client)
        {
            await PatchOkAsync(client, "\"0\"", """{"timeZone": "Europe/Madrid"}""");
        }

        await using var scope = Factory.Services.CreateAsyncScope();
        var audit = await scope.ServiceProvider.GetRequiredService<IdentityDb>().AuditLog.AsNoTracking()
            .Where(a => a.EntityType == "UserSettings" && a.EntityId == user.Id.ToString()).ToListAsync();
        Assert.That(audit, Has.Count.EqualTo(1));
        Assert.That(audit[0].Actor, Is.EqualTo(user.Id.ToString()));
        Assert.That(audit[0].Changes, Does.Contain("Europe/Madrid"));
    }

    [Test]
    public async Task Settings_WithAServiceToken_Are403()
    {
        using var anonymous = Factory.CreateClient();
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = IdentityApiFactory.ServiceClientId,
                ["client_secret"] = IdentityApiFactory.ServiceClientSecret,
            }),
        };
        using var tokenResponse = await anonymous.SendAsync(tokenRequest);
        var token = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString();
        using var service = Factory.CreateClient();
        service.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        await (await service.GetAsync(Path)).AssertProblemAsync(HttpStatusCode.Forbidden, "settings.not_a_user");
        await (await PatchAsync(service, "*", """{"timeZone": "Europe/London"}""")).AssertProblemAsync(HttpStatusCode.Forbidden, "settings.not_a_user");
    }

    [Test]
    public async Task Settings_WithoutAToken_Are401()
    {
        using var anonymous = Factory.CreateClient();

        await (await anonymous.GetAsync(Path)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await PatchAsync(anonymous, "*", """{"timeZone": "Europe/London"}""")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }
}
