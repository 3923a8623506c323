using System.Net;
using System.Net.Http.Json;
using Identity.Application.Users;
using Identity.Domain;
using Platform.Testing;

namespace Identity.Tests.Users;

/// <summary>NIST SP 800-63B section 5.1.1.2: common or breached passwords and context words are refused, besides the length rule.</summary>
public sealed class PasswordRulesTests
{
    private static readonly CommonPasswordValidator Validator = new();

    private static async Task<string[]> ProblemsAsync(string password, string email = "ada.lovelace@example.test", string displayName = "Ada Lovelace")
    {
        // The validator reads only the user and the password.
        var result = await Validator.ValidateAsync(null!, User.Create(email, displayName), password);
        return result.Errors.Select(e => e.Code).ToArray();
    }

    [TestCase("qwerty123456")]
    [TestCase("QWERTY123456")]
    [TestCase("1qaz2wsx3edc")]
    [TestCase("leavemealone")]
    [TestCase("Sonyericsson")]
    // Far down the list (rank above 30,000): the whole list is embedded, not only its head.
    [TestCase("nightcrawler")]
    public async Task CommonPassword_IsRefusedWhateverItsCase(string password) =>
        Assert.That(await ProblemsAsync(password), Is.EqualTo(new[] { "PasswordCommon" }));

    [TestCase("my ada.lovelace password", "ada.lovelace@example.test", "Someone")]
    [TestCase("ADA.LOVELACE", "ada.lovelace@example.test", "Someone")]
    [TestCase("Ada Lovelace forever", "ada@example.test", "Ada Lovelace")]
    [TestCase("lovelace-engine-1843", "ada@example.test", "Ada Lovelace")]
    [TestCase("my platform password", "ada@example.test", "Ada")]
    [TestCase("Qzv", "qzv@example.test", "Robert")]
    public async Task PasswordBuiltOnAContextWord_IsRefused(string password, string email, string displayName) =>
        Assert.That(await ProblemsAsync(password, email, displayName), Is.EqualTo(new[] { "PasswordContextWord" }));

    [TestCase("correct horse battery staple")]
    [TestCase("bobsled over glacier ice", "bob@example.test", "Bo")]
    public async Task UncommonPasswordWithoutContextWords_IsAccepted(string password, string email = "ada.lovelace@example.test", string displayName = "Ada Lovelace") =>
        Assert.That(await ProblemsAsync(password, email, displayName), Is.Empty);

    [TestCase("admin@platform.local", "Granite-Ledger-2026!", "Demo Admin")]
    [TestCase("reviewer@platform.local", "Harbor-Quartz-2026!", "Demo Reviewer")]
    [TestCase("analyst@platform.local", "Meadow-Copper-2026!", "Demo Analyst")]
    [TestCase("risk@platform.local", "Cobalt-Lantern-2026!", "Demo Risk Manager")]
    [TestCase("officer@platform.local", "Juniper-Anchor-2026!", "Demo Loan Officer")]
    public async Task DemoUsersPasswords_KeepTheRule(string email, string password, string displayName) =>
        Assert.That(await ProblemsAsync(password, email, displayName), Is.Empty, "deploy/local/demo-users.json");

    [TestCase("qwerty123456")]
    [TestCase("PLACEHOLDER-is-my-password")]
    public async Task Register_WithAWeakPassword_Is400NamingThePassword(string password)
    {
        var email = IdentityApiFactory.NewEmail("weakling");
        using var client = IdentityService.Factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/v1/auth/register",
            new { email, password = password.Replace("PLACEHOLDER", email.Split('@')[0], StringComparison.Ordinal), displayName = "Weak Ling" });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "password" }));
    }
}
