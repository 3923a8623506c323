using k8s.Models;

namespace Deploy.Tests;

/// <summary>Every kustomization renders, and every object in it is valid against the Kubernetes API models.</summary>
public sealed class SchemaTests
{
    private static IEnumerable<string> Kustomizations => Repo.Kustomizations;

    [TestCaseSource(nameof(Kustomizations))]
    public void Kustomization_Renders_AndEveryObjectIsValid(string kustomization)
    {
        var manifests = Manifests.Render(kustomization);

        Assert.That(manifests.Objects, Is.Not.Empty);
        Assert.That(manifests.Objects.Select(o => $"{o.Kind}/{((IMetadata<V1ObjectMeta>)o).Metadata.Name}"), Is.Unique);
    }

    [Test]
    public void SecretTemplates_AreValidSecrets()
    {
        foreach (var file in Directory.EnumerateFiles(Repo.K8s, "*.secret.example.yaml", SearchOption.AllDirectories))
        {
            var objects = Manifests.Parse(File.ReadAllText(file));
            Assert.That(objects, Has.Count.EqualTo(1).And.All.InstanceOf<V1Secret>(), file);
        }
    }

    // The check above only means something if a wrong manifest fails it.
    [TestCase("  revisionHistoryLimit: 5", "  revisionHistoryLimits: 5", TestName = "Strict reading refuses an unknown field")]
    [TestCase("  revisionHistoryLimit: 5", "  revisionHistoryLimit: five", TestName = "Strict reading refuses a value of the wrong type")]
    [TestCase("apiVersion: apps/v1\nkind: Deployment", "apiVersion: apps/v1beta9\nkind: Deployment", TestName = "Strict reading refuses an unknown apiVersion")]
    public void StrictReading_RefusesABrokenDeployment(string original, string broken)
    {
        var deployment = Repo.Read("deploy", "k8s", "base", "deals", "deployment.yaml");
        Assert.That(deployment, Does.Contain(original), "the test's starting point changed");
        Assert.That(Manifests.Parse(deployment).Single(), Is.InstanceOf<V1Deployment>());

        Assert.That(() => Manifests.Parse(deployment.Replace(original, broken, StringComparison.Ordinal)), Throws.Exception);
    }
}
