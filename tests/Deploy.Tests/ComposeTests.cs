using System.Text.RegularExpressions;
using k8s.Models;
using YamlDotNet.RepresentationModel;

namespace Deploy.Tests;

/// <summary>docker-compose.yml in step with the Kubernetes base, the code and <c>.env.example</c>.</summary>
public sealed partial class ComposeTests
{
    private static readonly string[] Infrastructure = ["postgres", "rabbitmq", "redis"];
    private static readonly Lazy<YamlMappingNode> Services = new(Load);
    private static readonly Lazy<Manifests> Base = new(() => Manifests.Render("base"));

    private static IEnumerable<string> Deployables => Repo.Deployables;

    [TestCaseSource(nameof(Deployables))]
    public void Deployable_HasTheBasesImageAndPort_AndItsOneShots(string name)
    {
        var service = Service(name);
        var k8s = Base.Value.Get<V1Deployment>(name).Spec.Template.Spec.Containers.Single();
        Assert.That(Defaults(Scalar(service, "image")), Is.EqualTo(k8s.Image));
        Assert.That(((YamlMappingNode)service["build"]).Children.ContainsKey("context"), Is.True);

        var published = Sequence(service, "ports").ToList();
        if (name == "gateway")
        {
            Assert.That(published.Single().Split(':')[^1], Is.EqualTo(k8s.Ports.Single().ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(published.Single(), Does.StartWith("127.0.0.1:"));
            return;
        }

        Assert.That(published, Is.Empty, "only the gateway is published");
        var migrate = Service($"{name}-migrate");
        Assert.That(Sequence(migrate, "command"), Is.EqualTo(new[] { "--migrate-only" }));
        Assert.That(Scalar(migrate, "image"), Is.EqualTo(Scalar(service, "image")));
        Assert.That(Sequence(Service($"{name}-provision"), "command"), Does.Contain($"svc={name}"));
        Assert.That(DependsOn(service)[$"{name}-migrate"], Is.EqualTo("service_completed_successfully"));
        Assert.That(DependsOn(migrate)[$"{name}-provision"], Is.EqualTo("service_completed_successfully"));
    }

    [Test]
    public void StartUp_IsGatedOnHealthAndFinishedOneShots()
    {
        foreach (var (name, node) in Services.Value.Children.Select(kv => (((YamlScalarNode)kv.Key).Value!, (YamlMappingNode)kv.Value)))
        {
            foreach (var (dependency, condition) in DependsOn(node))
            {
                var expected = Infrastructure.Contains(dependency) ? "service_healthy"
                    : Regex.IsMatch(dependency, "-(migrate|provision)$") || dependency == "documents-volumes" ? "service_completed_successfully"
                    : "service_started";
                Assert.That(condition, Is.EqualTo(expected), $"{name} -> {dependency}");
            }
        }

        foreach (var infrastructure in Infrastructure)
        {
            Assert.That(Service(infrastructure).Children.ContainsKey("healthcheck"), Is.True, infrastructure);
        }

        Assert.That(DependsOn(Service("gateway")).Keys, Is.SupersetOf(Repo.Services), "the gateway starts after every service");
        // Consumers of identity's events before identity (deploy/README.md, "Start order").
        Assert.That(DependsOn(Service("identity")).Keys, Is.SupersetOf(new[] { "alerts", "portfolio" }));
    }

    [TestCaseSource(nameof(Deployables))]
    public void Environment_IsReadByTheCode_DocumentedAndAsComplete_AsTheBase(string name)
    {
        var environment = Environment(Service(name));
        var k8s = Base.Value.EnvironmentOf(Base.Value.Get<V1Deployment>(name).Spec.Template.Spec.Containers.Single());

        Assert.Multiple(() =>
        {
            foreach (var variable in environment.Keys)
            {
                Assert.That(ConfigKeys.Check(name, variable), Is.Null, variable);
                Assert.That(EnvExample.Names, Does.Contain(variable), $"{variable} ({name}) is documented in .env.example");
            }

            // The secrets and the wiring between deployables, as in the base; S3 credentials only where
            // the store is S3 (compose keeps documents on volumes).
            foreach (var variable in k8s.Where(IsWiring).Where(v => !v.StartsWith("Storage__S3__", StringComparison.Ordinal)))
            {
                Assert.That(environment.Keys, Does.Contain(variable), $"{name}: compose sets {variable} like the base");
            }
        });
    }

    [Test]
    public void Secrets_AreRequiredVariables_DocumentedInEnvExample()
    {
        var text = string.Join('\n', File.ReadLines(Repo.Path("docker-compose.yml")).Where(line => !line.TrimStart().StartsWith('#')));
        foreach (Match reference in Interpolation().Matches(text))
        {
            Assert.That(EnvExample.Names, Does.Contain(reference.Groups[1].Value), $"${{{reference.Groups[1].Value}}} is documented in .env.example");
        }

        foreach (var (name, node) in Services.Value.Children.Select(kv => (((YamlScalarNode)kv.Key).Value!, (YamlMappingNode)kv.Value)))
        {
            foreach (var (key, value) in Environment(node))
            {
                // No credential left once the variables are taken out of the value...
                Assert.That(SecretsTests.SecretValue().IsMatch(Interpolation().Replace(value, "")), Is.False, $"{name} {key}: a credential in the file");
                // ...and a secret setting is one required variable as a whole, or passed through
                // from the environment (listed without a value).
                if (SecretsTests.SecretName().IsMatch(key) && !key.StartsWith("ConnectionStrings__", StringComparison.Ordinal))
                {
                    Assert.That(value, Does.Match(@"^\$\{[A-Za-z0-9_]+:\?[^}]*\}$").Or.Empty, $"{name} {key}: a required variable (${{VAR:?}}), never a value");
                }
            }
        }
    }

    [Test]
    public void DockerCompose_AcceptsTheFile()
    {
        var docker = Processes.Find("docker");
        if (docker is null || Processes.Run(docker, ["compose", "version"]).Exit != 0)
        {
            Assert.Ignore("the docker compose plugin is not installed here; the file is checked by the tests above only");
        }

        // Every required variable set to a placeholder: compose interpolates the whole file.
        var variables = Interpolation().Matches(Repo.Read("docker-compose.yml")).Select(m => m.Groups[1].Value).Distinct()
            .ToDictionary(v => v, _ => "placeholder");
        var (exit, _, error) = Processes.Run(docker, ["compose", "-f", Repo.Path("docker-compose.yml"), "config", "-q"], variables);
        Assert.That(exit, Is.Zero, error);
    }

    private static bool IsWiring(string variable) =>
        SecretsTests.SecretName().IsMatch(variable)
        || variable is "Auth__JwksUri" or "Auth__Client__Id"
        || variable.StartsWith("Services__", StringComparison.Ordinal)
        || variable.StartsWith("ReverseProxy__", StringComparison.Ordinal)
        || variable.StartsWith("Identity__Clients__", StringComparison.Ordinal);

    private static YamlMappingNode Load()
    {
        var stream = new YamlStream();
        using var reader = new StringReader(Repo.Read("docker-compose.yml"));
        stream.Load(reader);
        return (YamlMappingNode)((YamlMappingNode)stream.Documents.Single().RootNode)["services"];
    }

    private static YamlMappingNode Service(string name) =>
        Services.Value.Children.TryGetValue(new YamlScalarNode(name), out var node) ? (YamlMappingNode)node : throw new AssertionException($"compose service {name} missing");

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node[key]).Value ?? "";

    private static IEnumerable<string> Sequence(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlSequenceNode)value).Select(n => ((YamlScalarNode)n).Value ?? "") : [];

    private static Dictionary<string, string> DependsOn(YamlMappingNode node) =>
        node.Children.TryGetValue(new YamlScalarNode("depends_on"), out var value)
            ? ((YamlMappingNode)value).Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => Scalar((YamlMappingNode)kv.Value, "condition"))
            : [];

    private static Dictionary<string, string> Environment(YamlMappingNode node) =>
        node.Children.TryGetValue(new YamlScalarNode("environment"), out var value)
            ? ((YamlMappingNode)value).Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => ((YamlScalarNode)kv.Value).Value ?? "")
            : [];

    /// <summary>An image reference with each ${VAR:-default} replaced by its default.</summary>
    private static string Defaults(string value) => DefaultValue().Replace(value, m => m.Groups[1].Value);

    [GeneratedRegex(@"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-?][^}]*)?\}")]
    private static partial Regex Interpolation();

    [GeneratedRegex(@"\$\{[A-Za-z_][A-Za-z0-9_]*:-([^}]*)\}")]
    private static partial Regex DefaultValue();
}
