using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace Identity.Tests.Infrastructure;

/// <summary>Unsafe configuration stops the service at start-up instead of serving with it.</summary>
public sealed class ConfigurationTests
{
    private static void AssertStartupRefused(Action<IWebHostBuilder> configure, string expectedMessage)
    {
        using var factory = new IdentityApiFactory(configure);

        var error = Assert.Catch(() => factory.CreateClient());

        Assert.That(error, Is.InstanceOf<OptionsValidationException>().Or.InnerException.InstanceOf<OptionsValidationException>());
        Assert.That(error!.ToString(), Does.Contain(expectedMessage));
    }

    [Test]
    public void ClientCredentialsClient_WithoutSecret_IsRefused() =>
        AssertStartupRefused(builder =>
        {
            builder.UseSetting("Identity:Clients:2:ClientId", "secretless-service");
            builder.UseSetting("Identity:Clients:2:AllowedGrants:0", "client_credentials");
            builder.UseSetting("Identity:Clients:2:AllowedScopes:0", "platform-api");
        }, "client_credentials needs a secret");

    [Test]
    public void ShortSigningKeyPassphrase_IsRefused() =>
        AssertStartupRefused(builder => builder.UseSetting("Identity:SigningKeyPassphrase", "short"), "SigningKeyPassphrase");

    [Test]
    public void MissingIssuer_IsRefused() =>
        AssertStartupRefused(builder => builder.UseSetting("Auth:Issuer", ""), "Issuer");

    [Test]
    public void MissingRedis_IsRefused_BecauseRevocationWouldSilentlyStop() =>
        AssertStartupRefused(builder => builder.UseSetting("ConnectionStrings:Redis", ""), "ConnectionStrings:Redis is not configured");
}
