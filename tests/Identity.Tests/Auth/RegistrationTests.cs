using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Platform.Testing;

namespace Identity.Tests.Auth;

public sealed class RegistrationTests
{
    private static IdentityApiFactory Factory => IdentityService.Factory;

    private static async Task<HttpResponseMessage> RegisterAsync(object body)
    {
        using var client = Factory.CreateClient();
        return await client.PostAsJsonAsync("/api/v1/auth/register", body);
    }

    private static async Task<HttpResponseMessage> PostRawAsync(string json)
    {
        using var client = Factory.CreateClient();
        return await client.PostAsync("/api/v1/auth/register", new StringContent(json, Encoding.UTF8, "application/json"));
    }

    [Test]
    public async Task Register_WithValidData_Returns201WithAnalystRoleAndLocation()
    {
        var email = IdentityApiFactory.NewEmail();

        var response = await RegisterAsync(new { email, password = IdentityApiFactory.Password, displayName = "Ada Analyst" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var user = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/api/v1/users/{user.GetProperty("id").GetGuid()}"));
            Assert.That(user.GetProperty("roles").EnumerateArray().Select(r => r.GetString()), Is.EqualTo(new[] { "analyst" }));
            Assert.That(user.GetProperty("email").GetString(), Is.EqualTo(email));
            Assert.That(user.TryGetProperty("passwordHash", out _), Is.False);
        });
    }

    [Test]
    public async Task Register_WithTakenEmail_Returns409()
    {
        var email = IdentityApiFactory.NewEmail();
        await RegisterAsync(new { email, password = IdentityApiFactory.Password, displayName = "First" });

        var response = await RegisterAsync(new { email = email.ToUpperInvariant(), password = IdentityApiFactory.Password, displayName = "Second" });

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "user.email_taken");
    }

    [Test]
    public async Task Register_WithShortPassword_Returns400WithPasswordFieldError()
    {
        var response = await RegisterAsync(new { email = IdentityApiFactory.NewEmail(), password = "short", displayName = "X" });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(problem.GetProperty("errors").GetProperty("password").GetArrayLength(), Is.GreaterThan(0));
    }

    [Test]
    public async Task Register_WithInvalidFields_ReportsEachField()
    {
        var response = await RegisterAsync(new { email = "not-an-email", password = "", displayName = "" });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var errors = problem.GetProperty("errors");
        Assert.That(errors.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "email", "password", "displayName" }));
    }

    [Test]
    public async Task Register_WithMalformedJson_Returns400Problem()
    {
        var response = await PostRawAsync("{\"email\": \"a@b.test\", ");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "request.malformed_json");
    }

    [Test]
    public async Task Register_WithWrongJsonType_Returns400ProblemNamingTheField()
    {
        var response = await PostRawAsync("{\"email\": 42, \"password\": \"correct horse battery\", \"displayName\": \"X\"}");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "request.malformed_json");
        Assert.That(problem.GetProperty("errors").EnumerateObject().Single().Name, Is.EqualTo("$.email"));
    }

    [Test]
    public async Task Register_WithEmptyBody_Returns400Problem()
    {
        var response = await PostRawAsync("");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Register_WithOversizedBody_Returns413Problem()
    {
        var response = await RegisterAsync(new { email = IdentityApiFactory.NewEmail(), password = IdentityApiFactory.Password, displayName = new string('x', 100_000) });

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "request.too_large");
    }

    [Test]
    public async Task Register_WithHostileText_StoresItVerbatim()
    {
        const string name = "'; DROP TABLE users; -- <script>alert(1)</script>";

        var response = await RegisterAsync(new { email = IdentityApiFactory.NewEmail(), password = IdentityApiFactory.Password, displayName = name });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var user = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.That(user.GetProperty("displayName").GetString(), Is.EqualTo(name));
    }

    [Test]
    public async Task Register_WhenSwitchedOff_Returns403Problem()
    {
        await using var closed = new IdentityApiFactory(builder => builder.UseSetting("Identity:AllowSelfRegistration", "false"));
        using var client = closed.CreateClient();

        var response = await client.PostAsJsonAsync("/api/v1/auth/register",
            new { email = IdentityApiFactory.NewEmail(), password = IdentityApiFactory.Password, displayName = "X" });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "auth.registration_closed");
    }
}
