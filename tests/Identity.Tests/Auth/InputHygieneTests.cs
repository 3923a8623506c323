using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.Testing;

namespace Identity.Tests.Auth;

/// <summary>
/// Identity's text fields and lists under the shared client text and paging rules: NUL and other
/// controls in emails, names and passwords, in query strings and in the token form are 400s naming
/// the field (PostgreSQL refuses NUL, so these were 500s), and huge page numbers cannot overflow.
/// </summary>
public sealed class InputHygieneTests
{
    private static IdentityApiFactory Factory => IdentityService.Factory;

    [TestCase("email")]
    [TestCase("displayName")]
    [TestCase("password")]
    public async Task Register_WithNulInAField_Is400NamingItAndCreatesNothing(string field)
    {
        var email = IdentityApiFactory.NewEmail();
        var body = new Dictionary<string, string> { ["email"] = email, ["password"] = IdentityApiFactory.Password, ["displayName"] = "Ada Analyst" };
        body[field] = field == "email" ? email.Replace("@", "\0@", StringComparison.Ordinal) : body[field] + "\0";
        using var client = Factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/v1/auth/register", body);

        await response.AssertProblemNamingAsync(HttpStatusCode.BadRequest, "request.invalid_characters", "$." + field);
        Assert.That((await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = IdentityApiFactory.Password })).StatusCode,
            Is.EqualTo(HttpStatusCode.Unauthorized), "no account was created");
    }

    [Test]
    public async Task Register_WithAnUnpairedSurrogateInTheDisplayName_Is400NamingIt()
    {
        using var client = Factory.CreateClient();
        var json = $$"""{"email":"{{IdentityApiFactory.NewEmail()}}","password":"{{IdentityApiFactory.Password}}","displayName":"Ada \udc00"}""";

        var response = await client.PostAsync("/api/v1/auth/register", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.AssertProblemNamingAsync(HttpStatusCode.BadRequest, "request.invalid_characters", "$.displayName");
    }

    [TestCase("displayName", "Ada\nAnalyst")]
    [TestCase("displayName", "Ada\tAnalyst")]
    [TestCase("email", "ada\r\n@example.test")]
    public async Task Register_WithALineBreakInASingleLineField_Is400NamingIt(string field, string value)
    {
        var body = new Dictionary<string, string> { ["email"] = IdentityApiFactory.NewEmail(), ["password"] = IdentityApiFactory.Password, ["displayName"] = "Ada" };
        body[field] = value;
        using var client = Factory.CreateClient();

        await (await client.PostAsJsonAsync("/api/v1/auth/register", body)).AssertProblemNamingAsync(HttpStatusCode.BadRequest, "validation_failed", field);
    }

    [Test]
    public async Task Login_WithNulInTheEmail_Is400()
    {
        using var client = Factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = "ada\0@example.test", password = IdentityApiFactory.Password });

        await response.AssertProblemNamingAsync(HttpStatusCode.BadRequest, "request.invalid_characters", "$.email");
    }

    [TestCase("ada\0@example.test")]
    [TestCase("ada\u0007@example.test")]
    public async Task PasswordGrant_WithAControlCharacterInTheUsername_IsInvalidRequest(string username)
    {
        using var client = Factory.CreateClient();
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["username"] = username, ["password"] = IdentityApiFactory.Password, ["client_id"] = "platform-web",
        });

        var response = await client.PostAsync("/connect/token", form);

        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text);
        Assert.That(JsonDocument.Parse(text).RootElement.GetProperty("error").GetString(), Is.EqualTo("invalid_request"));
    }

    [TestCase("search=%00", "search")]
    [TestCase("search=%FF%FE", "search")]
    [TestCase("role=admin%0D%0A", "role")]
    public async Task ListUsers_WithAQueryValueThatIsNotCleanText_Is400NamingIt(string query, string parameter)
    {
        var (admin, _, _) = await Factory.SignedInClientAsync("admin");

        await (await admin.GetAsync("/api/v1/users?" + query)).AssertProblemNamingAsync(HttpStatusCode.BadRequest, "request.invalid_characters", parameter);
    }

    [TestCase("page=2147483647&pageSize=200", "validation_failed")]
    [TestCase("page=99999999999", "request.invalid")]
    public async Task ListUsers_WithAPageWhoseOffsetOverflows_Is400NamingThePage(string query, string errorCode)
    {
        var (admin, _, _) = await Factory.SignedInClientAsync("admin");

        await (await admin.GetAsync("/api/v1/users?" + query)).AssertProblemNamingAsync(HttpStatusCode.BadRequest, errorCode, "page");
    }
}
