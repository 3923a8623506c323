using k8s.Models;

namespace Deploy.Tests;

/// <summary>
/// Every deployable has every kind it needs in the base, each wired to the others (selectors,
/// names, ports), hardened and probed the same way.
/// </summary>
public sealed class DeployableTests
{
    private static readonly Lazy<Manifests> Base = new(() => Manifests.Render("base"));

    private static IEnumerable<string> Deployables => Repo.Deployables;

    [TestCaseSource(nameof(Deployables))]
    public void Deployable_HasEveryKind_WiredTogether(string name)
    {
        var manifests = Base.Value;
        var deployment = manifests.Get<V1Deployment>(name);
        var podLabels = deployment.Spec.Template.Metadata.Labels;
        Assert.That(deployment.Spec.Selector.MatchLabels, Is.SubsetOf(podLabels), "the Deployment selects its own pods");

        var service = manifests.Get<V1Service>(name);
        Assert.That(service.Spec.Selector, Is.SubsetOf(podLabels), "the Service routes to the pods");
        Assert.That(service.Spec.Ports.Single().TargetPort.Value, Is.EqualTo("http"));

        var config = manifests.ConfigOf(name);
        Assert.That(deployment.Spec.Template.Spec.Containers.Single().EnvFrom.Select(e => e.ConfigMapRef?.Name), Does.Contain(config.Metadata.Name));

        var hpa = manifests.Get<V2HorizontalPodAutoscaler>(name);
        Assert.That(hpa.ApiVersion, Is.EqualTo("autoscaling/v2"));
        Assert.That((hpa.Spec.ScaleTargetRef.Kind, hpa.Spec.ScaleTargetRef.Name), Is.EqualTo(("Deployment", name)));
        Assert.That(hpa.Spec.MinReplicas, Is.LessThanOrEqualTo(hpa.Spec.MaxReplicas));

        var pdb = manifests.Get<V1PodDisruptionBudget>(name);
        Assert.That(pdb.Spec.Selector.MatchLabels, Is.SubsetOf(podLabels), "the PodDisruptionBudget covers the pods");

        var policy = manifests.Get<V1NetworkPolicy>(name);
        Assert.That(policy.Spec.PodSelector.MatchLabels, Is.SubsetOf(podLabels), "the NetworkPolicy applies to the pods");

        // Secrets by reference only, each key of the deployable's own Secret, all in its template.
        var refs = Manifests.SecretRefsOf(deployment.Spec.Template.Spec.Containers.Single()).ToList();
        Assert.That(refs.Select(r => r.Secret).Distinct(), Is.EqualTo(new[] { $"{name}-secrets" }));
        Assert.That(refs.Select(r => r.Key), Is.EquivalentTo(SecretTemplates.KeysOf(name)), $"{name}.secret.example.yaml has exactly the keys the pods read");
    }

    [TestCaseSource(nameof(Deployables))]
    public void Deployment_IsProbedLimitedAndHardened(string name)
    {
        var spec = Base.Value.Get<V1Deployment>(name).Spec.Template.Spec;
        var container = spec.Containers.Single();

        Assert.That(container.Ports.Single(p => p.Name == "http").ContainerPort, Is.EqualTo(CodeFacts.ContainerPort));
        Assert.That(container.LivenessProbe.HttpGet.Path, Is.EqualTo(CodeFacts.LivenessPath));
        Assert.That(container.ReadinessProbe.HttpGet.Path, Is.EqualTo(CodeFacts.ReadinessPath));
        Assert.That(container.StartupProbe.HttpGet.Path, Is.EqualTo(CodeFacts.LivenessPath));
        Assert.That(new[] { container.LivenessProbe, container.ReadinessProbe, container.StartupProbe }.Select(p => p.HttpGet.Port.Value), Is.All.EqualTo("http"));
        AssertLimited(container);
        AssertHardened(spec, container);
    }

    [TestCaseSource(nameof(Deployables))]
    public void MigrationJob_RunsMigrateOnly_ForEveryServiceWithADatabase(string name)
    {
        var manifests = Base.Value;
        var job = manifests.Find<V1Job>($"{name}-migrate");
        var deployment = manifests.Get<V1Deployment>(name).Spec.Template.Spec.Containers.Single();
        if (name == "gateway")
        {
            // The gateway has no database: no connection string in deploy/local/service-env.sh, none here.
            Assert.That(job, Is.Null);
            Assert.That(manifests.EnvironmentOf(deployment), Has.None.StartsWith("ConnectionStrings__Postgres"));
            return;
        }

        Assert.That(job, Is.Not.Null, $"{name}-migrate Job");
        var spec = job!.Spec.Template.Spec;
        var migrate = spec.Containers.Single();
        Assert.That(migrate.Args, Is.EqualTo(new[] { "--migrate-only" }));
        Assert.That(migrate.Image, Is.EqualTo(deployment.Image));
        Assert.That(spec.RestartPolicy, Is.EqualTo("Never"));
        Assert.That(job.Spec.Template.Metadata.Labels["app.kubernetes.io/name"], Is.Not.EqualTo(name), "the Service must never route to a migration pod");
        // It validates the whole configuration before migrating, so it gets the same as the pods.
        Assert.That(manifests.EnvironmentOf(migrate), Is.EquivalentTo(manifests.EnvironmentOf(deployment)));
        AssertLimited(migrate);
        AssertHardened(spec, migrate);
    }

    [Test]
    public void ClusterOverlays_ScaleUpFromDevToProd_WithTheirOwnImagesAndIssuer()
    {
        var overlays = Repo.ClusterOverlays.Select(Manifests.Render).ToList();
        foreach (var name in Repo.Deployables)
        {
            var replicas = overlays.Select(o => o.Get<V1Deployment>(name).Spec.Replicas!.Value).ToList();
            var maxima = overlays.Select(o => o.Get<V2HorizontalPodAutoscaler>(name).Spec.MaxReplicas).ToList();
            var memory = overlays.Select(o => o.Get<V1Deployment>(name).Spec.Template.Spec.Containers[0].Resources.Limits["memory"].ToDecimal()).ToList();
            Assert.That(replicas, Is.Ordered.Ascending.And.Unique, $"{name}: replicas dev < staging < prod");
            Assert.That(maxima, Is.Ordered.Ascending.And.Unique, $"{name}: HPA maximum dev < staging < prod");
            Assert.That(memory, Is.Ordered.Ascending, $"{name}: memory limit");
            Assert.That(overlays.Select(o => o.Get<V1Deployment>(name).Spec.Template.Spec.Containers[0].Image), Is.Unique, $"{name}: image per environment");
            Assert.That(overlays.Select(o => o.Get<V2HorizontalPodAutoscaler>(name).Spec.MinReplicas), Is.EqualTo(replicas), $"{name}: the HPA starts where the rollout does");
        }

        foreach (var overlay in overlays)
        {
            Assert.That(Repo.Deployables.Select(n => overlay.ConfigOf(n).Data["Auth__Issuer"]).Distinct().Count(), Is.EqualTo(1), "one issuer per environment");
        }

        Assert.That(overlays.Select(o => o.ConfigOf("identity").Data["Auth__Issuer"]), Is.Unique);
    }

    private static void AssertLimited(V1Container container)
    {
        Assert.That(container.Resources.Requests.Keys, Is.SupersetOf(new[] { "cpu", "memory" }), $"{container.Name}: requests");
        Assert.That(container.Resources.Limits.Keys, Is.SupersetOf(new[] { "cpu", "memory" }), $"{container.Name}: limits");
    }

    private static void AssertHardened(V1PodSpec pod, V1Container container)
    {
        Assert.Multiple(() =>
        {
            Assert.That(pod.SecurityContext.RunAsNonRoot, Is.True);
            Assert.That(pod.SecurityContext.RunAsUser, Is.EqualTo(CodeFacts.AppUserId));
            Assert.That(pod.SecurityContext.SeccompProfile.Type, Is.EqualTo("RuntimeDefault"));
            Assert.That(pod.AutomountServiceAccountToken, Is.False);
            var security = container.SecurityContext;
            Assert.That(security.AllowPrivilegeEscalation, Is.False);
            Assert.That(security.ReadOnlyRootFilesystem, Is.True);
            Assert.That(security.RunAsNonRoot, Is.True);
            Assert.That(security.Capabilities.Drop, Is.EqualTo(new[] { "ALL" }));
            Assert.That(security.Capabilities.Add, Is.Null.Or.Empty);
            Assert.That(security.SeccompProfile.Type, Is.EqualTo("RuntimeDefault"));
            // The only writable path: a memory-backed emptyDir on /tmp.
            var tmp = container.VolumeMounts.Single(m => m.MountPath == "/tmp");
            Assert.That(pod.Volumes.Single(v => v.Name == tmp.Name).EmptyDir?.Medium, Is.EqualTo("Memory"));
        });
    }
}
