using k8s.Models;

namespace Deploy.Tests;

/// <summary>Images, ports, probe paths and every environment variable agree with the code and <c>.env.example</c>.</summary>
public sealed class ConfigurationAgreementTests
{
    private static readonly Lazy<Manifests> Base = new(() => Manifests.Render("base"));

    private static IEnumerable<string> Deployables => Repo.Deployables;

    [TestCaseSource(nameof(Deployables))]
    public void Image_IsTheDeployables_BuiltFromItsProject(string name)
    {
        var container = Base.Value.Get<V1Deployment>(name).Spec.Template.Spec.Containers.Single();

        Assert.That(container.Image, Is.EqualTo($"platform/{name}:dev"));
        Assert.That(Directory.Exists(Repo.ProjectOf(name)), Is.True);
        Assert.That(File.Exists(Path.Combine(Repo.ProjectOf(name), "Program.cs")), Is.True);
    }

    [TestCaseSource(nameof(Deployables))]
    public void EveryEnvironmentVariable_IsAKeyTheDeployableReads_AndDocumentedInEnvExample(string name)
    {
        var manifests = Base.Value;
        var names = manifests.EnvironmentOf(manifests.Get<V1Deployment>(name).Spec.Template.Spec.Containers.Single());

        Assert.Multiple(() =>
        {
            foreach (var variable in names)
            {
                Assert.That(ConfigKeys.Check(name, variable), Is.Null, variable);
                Assert.That(EnvExample.Names, Does.Contain(variable), $"{variable} ({name}) is documented in .env.example");
            }
        });
    }

    // The check above only means something if a misspelt or invented key fails it.
    [TestCase("identity", "Identity__SigningKeyPasphrase")]
    [TestCase("loans", "Storage__S3__Bukket")]
    [TestCase("deals", "Services__marketdata__BaseUri")]
    [TestCase("gateway", "ConnectionStrings__Postgress")]
    [TestCase("alerts", "Alerts__Heartbeat")]
    public void AKeyNoCodeReads_IsRefused(string deployable, string variable) =>
        Assert.That(ConfigKeys.Check(deployable, variable), Is.Not.Null);

    [TestCase("identity", "Identity__Clients__2__AllowedScopes__1")]
    [TestCase("loans", "Storage__S3__Bucket")]
    [TestCase("deals", "Services__marketdata__BaseUrl")]
    [TestCase("gateway", "ReverseProxy__Clusters__loans__Destinations__primary__Address")]
    [TestCase("marketdata", "OTEL_EXPORTER_OTLP_ENDPOINT")]
    public void AKeyTheCodeReads_IsAccepted(string deployable, string variable) =>
        Assert.That(ConfigKeys.Check(deployable, variable), Is.Null);

    [Test]
    public void Addresses_PointAtTheServices_AndTheServiceClientsAreRegisteredWithIdentity()
    {
        var manifests = Base.Value;
        var urls = Repo.Deployables.SelectMany(n => manifests.ConfigOf(n).Data
            .Where(kv => kv.Key.EndsWith("BaseUrl", StringComparison.Ordinal) || kv.Key.EndsWith("JwksUri", StringComparison.Ordinal) || kv.Key.EndsWith("__Address", StringComparison.Ordinal))
            .Select(kv => (Deployable: n, kv.Key, Url: new Uri(kv.Value)))).ToList();
        Assert.That(urls, Has.Count.GreaterThan(10));
        foreach (var (deployable, key, url) in urls)
        {
            var host = url.Host.Split('.');
            Assert.That(host.Skip(1).Take(2), Is.EqualTo(new[] { "platform", "svc" }), $"{deployable} {key}: a cluster Service address");
            Assert.That(manifests.Find<V1Service>(host[0]), Is.Not.Null, $"{deployable} {key}: Service {host[0]} exists");
            Assert.That(url.Port, Is.EqualTo(manifests.Get<V1Service>(host[0]).Spec.Ports.Single().Port), $"{deployable} {key}: the Service's port");
            var named = key.Split("__").FirstOrDefault(s => Repo.Deployables.Contains(s, StringComparer.Ordinal));
            Assert.That(host[0], Is.EqualTo(named ?? "identity"), $"{deployable} {key}: the service the key names");
        }

        var identity = manifests.ConfigOf("identity").Data;
        foreach (var caller in Repo.Services.Where(n => manifests.ConfigOf(n).Data.ContainsKey("Auth__Client__Id")))
        {
            var clientId = manifests.ConfigOf(caller).Data["Auth__Client__Id"];
            Assert.That(identity.Where(kv => kv.Key.EndsWith("__ClientId", StringComparison.Ordinal)).Select(kv => kv.Value), Does.Contain(clientId),
                $"{caller}'s client is registered with identity");
        }
    }
}
