using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Testing;

namespace Identity.Tests.Auth;

/// <summary>
/// Signing in to a deactivated account answers the same whether the password is right or wrong, and
/// the same as an unknown email: otherwise the answer confirms a guessed password (or that the account exists).
/// </summary>
public sealed class DeactivatedSignInTests
{
    private static IdentityApiFactory Factory => IdentityService.Factory;

    [Test]
    public async Task Login_ToADeactivatedAccount_AnswersTheSameForTheRightAndAWrongPassword()
    {
        var user = await DeactivatedUserAsync();
        using var client = Factory.CreateClient();

        var right = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = user, password = IdentityApiFactory.Password });
        var wrong = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = user, password = "not the password at all" });
        var unknown = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = IdentityApiFactory.NewEmail(), password = "not the password at all" });

        var answers = new[]
        {
            Comparable(await right.AssertProblemAsync(HttpStatusCode.Unauthorized)),
            Comparable(await wrong.AssertProblemAsync(HttpStatusCode.Unauthorized)),
            Comparable(await unknown.AssertProblemAsync(HttpStatusCode.Unauthorized)),
        };
        Assert.That(answers.Distinct(), Has.Exactly(1).Items, string.Join("\n", answers));
    }

    [Test]
    public async Task PasswordGrant_ToADeactivatedAccount_AnswersTheSameForTheRightAndAWrongPassword()
    {
        var user = await DeactivatedUserAsync();
        using var client = Factory.CreateClient();

        async Task<string> GrantAsync(string password)
        {
            var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "password", ["username"] = user, ["password"] = password, ["client_id"] = "platform-web",
            }));
            return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
        }

        var right = await GrantAsync(IdentityApiFactory.Password);
        var wrong = await GrantAsync("not the password at all");

        Assert.That(right, Is.EqualTo(wrong));
        Assert.That(right, Does.StartWith("400 ").And.Contains("invalid_grant"));
    }

    private static async Task<string> DeactivatedUserAsync()
    {
        var (admin, _, _) = await Factory.SignedInClientAsync("admin");
        var user = await Factory.CreateUserAsync(IdentityApiFactory.NewEmail(), "analyst");
        var deactivated = await admin.PostAsync($"/api/v1/users/{user.Id}/deactivate", null);
        Assert.That(deactivated.StatusCode, Is.EqualTo(HttpStatusCode.OK), await deactivated.Content.ReadAsStringAsync());
        return user.Email!;
    }

    // Everything but the per-request correlation members.
    private static string Comparable(JsonElement problem) =>
        string.Join("|", problem.EnumerateObject().Where(p => p.Name is not ("traceId" or "requestId")).Select(p => $"{p.Name}={p.Value}"));
}
