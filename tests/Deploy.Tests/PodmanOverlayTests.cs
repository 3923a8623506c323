using System.Text.RegularExpressions;
using k8s;
using k8s.Models;

namespace Deploy.Tests;

/// <summary>
/// overlays/podman is what `make run-containers` plays: only kinds podman 4.3 plays, migrations as
/// init containers copied from the base's Jobs, every deployable on a loopback port of its own where
/// the others look for it, and nothing of the hardening lost on the way.
/// </summary>
public sealed partial class PodmanOverlayTests
{
    private static readonly Lazy<Manifests> Apps = new(() => Manifests.Render("overlays/podman"));
    private static readonly Lazy<Manifests> Infra = new(() => Manifests.Render("overlays/podman/infra"));
    private static readonly Lazy<Manifests> Base = new(() => Manifests.Render("base"));

    [Test]
    public void OnlyKindsPodmanPlays_OneHostNetworkReplicaEach()
    {
        var objects = Apps.Value.Objects.Concat(Infra.Value.Objects).ToList();
        Assert.That(objects.Select(o => o.Kind).Distinct(), Is.SubsetOf(new[] { "Deployment", "ConfigMap", "Pod" }));

        var deployments = objects.OfType<V1Deployment>().ToList();
        Assert.That(deployments.Select(d => d.Metadata.Name), Is.EquivalentTo(Repo.Deployables.Concat(["postgresql", "rabbitmq", "redis"])));
        foreach (var deployment in deployments)
        {
            var spec = deployment.Spec.Template.Spec;
            Assert.That(deployment.Spec.Replicas, Is.EqualTo(1), deployment.Metadata.Name);
            Assert.That(spec.HostNetwork, Is.True, deployment.Metadata.Name);
            // Podman refuses port mappings on the host network.
            Assert.That(spec.Containers.SelectMany(c => c.Ports ?? []), Is.Empty, deployment.Metadata.Name);
            foreach (var container in spec.Containers.Concat(spec.InitContainers ?? []))
            {
                Assert.That(container.SecurityContext.ReadOnlyRootFilesystem, Is.True, container.Name);
                Assert.That(container.SecurityContext.AllowPrivilegeEscalation, Is.False, container.Name);
                Assert.That(container.SecurityContext.Capabilities.Drop, Is.EqualTo(new[] { "ALL" }), container.Name);
                Assert.That(spec.SecurityContext.RunAsNonRoot, Is.True, container.Name);
            }

            // Podman names emptyDir volumes after them and shares a name across pods.
            Assert.That(spec.Volumes.Where(v => v.EmptyDir is not null).Select(v => v.Name), Is.All.StartsWith(deployment.Metadata.Name + "-"));
        }
    }

    [TestCaseSource(typeof(Repo), nameof(Repo.Services))]
    public void Migrations_RunAsTheInitContainer_CopiedFromTheBaseJob(string service)
    {
        var pod = Apps.Value.Get<V1Deployment>(service).Spec.Template.Spec;
        var job = Base.Value.Get<V1Job>($"{service}-migrate").Spec.Template.Spec.Containers.Single();

        var init = pod.InitContainers.Single();
        Assert.That(init.Args, Is.EqualTo(new[] { "--migrate-only" }));
        Assert.That(init.Image, Is.EqualTo(pod.Containers.Single().Image));
        Assert.That(init.Env.Select(e => e.Name), Is.EqualTo(job.Env.Select(e => e.Name)));
        Assert.That(init.EnvFrom.Select(e => e.ConfigMapRef.Name), Is.EqualTo(job.EnvFrom.Select(e => e.ConfigMapRef.Name)));
        Assert.That(KubernetesJson.Serialize(init.Resources), Is.EqualTo(KubernetesJson.Serialize(job.Resources)));
        // Podman 4.3 restarts a finished init container under Always and then cannot remove it.
        Assert.That(pod.RestartPolicy, Is.EqualTo("OnFailure"));
    }

    [Test]
    public void Gateway_HasNoMigration() =>
        Assert.That(Apps.Value.Get<V1Deployment>("gateway").Spec.Template.Spec.InitContainers, Is.Null.Or.Empty);

    [Test]
    public void EveryDeployable_ListensWhereTheOthersAndItsProbesLookForIt()
    {
        var apps = Apps.Value;
        var ports = Repo.Deployables.ToDictionary(n => n, n => new Uri(apps.ConfigOf(n).Data["ASPNETCORE_URLS"]).Port);
        Assert.That(ports.Values, Is.Unique);
        Assert.That(ports["gateway"], Is.EqualTo(18080), "the gateway is published on 18080");
        Assert.That(ports.Values.Concat(InfraPorts), Has.None.AnyOf(ReservedPorts().Cast<object>().ToArray()), "no clash with make run or the local infrastructure");
        Assert.That(ScriptPorts(), Is.EquivalentTo(ports), "deploy/containers/run-containers.sh waits on the same ports");

        foreach (var name in Repo.Deployables)
        {
            var config = apps.ConfigOf(name).Data;
            Assert.That(new Uri(config["ASPNETCORE_URLS"]).Host, Is.EqualTo("127.0.0.1"), $"{name} listens on loopback only");
            var container = apps.Get<V1Deployment>(name).Spec.Template.Spec.Containers.Single();
            foreach (var probe in new[] { container.StartupProbe, container.LivenessProbe, container.ReadinessProbe })
            {
                Assert.That(probe.HttpGet.Port.Value, Is.EqualTo(ports[name].ToString(System.Globalization.CultureInfo.InvariantCulture)), $"{name} probes");
            }

            Assert.That(new Uri(config["Auth__Issuer"]).Port, Is.EqualTo(ports["gateway"]), $"{name}: the issuer is the gateway");
            foreach (var (key, value) in config.Where(kv => kv.Key.EndsWith("BaseUrl", StringComparison.Ordinal) || kv.Key.EndsWith("JwksUri", StringComparison.Ordinal) || kv.Key.EndsWith("__Address", StringComparison.Ordinal)))
            {
                var target = key.Split("__").FirstOrDefault(ports.ContainsKey) ?? "identity";
                Assert.That(new Uri(value).Port, Is.EqualTo(ports[target]), $"{name} {key} points at {target}");
            }
        }
    }

    /// <summary>The infrastructure's ports, as its arguments and configuration set them.</summary>
    private static IEnumerable<int> InfraPorts =>
        Infra.Value.All<V1Deployment>().SelectMany(d => d.Spec.Template.Spec.Containers)
            .SelectMany(c => Number().Matches(string.Join(' ', (c.Args ?? []).Concat(c.Command ?? []))).Select(m => int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>make run's ports and deploy/local/lib.sh's infrastructure defaults.</summary>
    private static IEnumerable<int> ReservedPorts() =>
        new[] { 5101, 5102, 5103, 5104, 5105, 5106, 8080 }.Concat(
            DefaultPort().Matches(Repo.Read("deploy", "local", "lib.sh")).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));

    private static Dictionary<string, int> ScriptPorts()
    {
        var script = Repo.Read("deploy", "containers", "run-containers.sh");
        var table = PortTable().Match(script);
        Assert.That(table.Success, Is.True, "run-containers.sh declares its PORT table");
        var ports = PortEntry().Matches(table.Groups[1].Value)
            .ToDictionary(m => m.Groups[1].Value, m => int.TryParse(m.Groups[2].Value, out var p) ? p : 18080);
        return ports;
    }

    [GeneratedRegex(@"\b18\d{3}\b")]
    private static partial Regex Number();

    [GeneratedRegex(@"_PORT:-(\d+)\}")]
    private static partial Regex DefaultPort();

    [GeneratedRegex(@"declare -A PORT=\(([^)]*)\)")]
    private static partial Regex PortTable();

    [GeneratedRegex(@"\[(\w+)\]=""?([^ ""\)]+)""?")]
    private static partial Regex PortEntry();
}
