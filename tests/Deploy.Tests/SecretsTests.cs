using System.Text.RegularExpressions;
using k8s.Models;

namespace Deploy.Tests;

/// <summary>No secret value is in the repository: Secrets only as templates with placeholders, never rendered.</summary>
public sealed partial class SecretsTests
{
    private static IEnumerable<string> Kustomizations => Repo.Kustomizations;

    [TestCaseSource(nameof(Kustomizations))]
    public void Rendering_ProducesNoSecret(string kustomization) =>
        Assert.That(Manifests.Render(kustomization).All<V1Secret>(), Is.Empty);

    [Test]
    public void NoKustomization_ListsATemplate_OrGeneratesASecret()
    {
        foreach (var file in Directory.EnumerateFiles(Repo.K8s, "kustomization.yaml", SearchOption.AllDirectories))
        {
            var text = string.Join('\n', File.ReadLines(file).Where(line => !line.TrimStart().StartsWith('#')));
            Assert.That(text, Does.Not.Contain(".secret.example.yaml").And.Not.Contain("secretGenerator"), file);
        }
    }

    [Test]
    public void EverySecretDocument_IsATemplate_WithPlaceholdersOnly()
    {
        var templates = 0;
        foreach (var file in Directory.EnumerateFiles(Repo.K8s, "*.yaml", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            if (!SecretKind().IsMatch(text))
            {
                continue;
            }

            Assert.That(Path.GetFileName(file), Does.EndWith(".secret.example.yaml"), $"{file}: Secrets live only in *.secret.example.yaml templates");
            var secret = Manifests.Parse(text).OfType<V1Secret>().Single();
            Assert.That(secret.Data, Is.Null, $"{file}: no base64 values");
            Assert.That(secret.StringData.Values, Is.All.Contains(SecretTemplates.Placeholder), $"{file}: every value is a placeholder");
            templates++;
        }

        Assert.That(templates, Is.EqualTo(Repo.Deployables.Length), "one template per deployable");
    }

    [Test]
    public void ConfigMaps_HoldNoSecrets()
    {
        foreach (var kustomization in Repo.Kustomizations)
        {
            foreach (var map in Manifests.Render(kustomization).All<V1ConfigMap>())
            {
                foreach (var (key, value) in map.Data ?? new Dictionary<string, string>())
                {
                    Assert.That(SecretName().IsMatch(key), Is.False, $"{kustomization} {map.Metadata.Name}: {key} belongs in a Secret");
                    Assert.That(SecretValue().IsMatch(value), Is.False, $"{kustomization} {map.Metadata.Name}: {key} carries a credential");
                }
            }
        }
    }

    [Test]
    public void EnvExample_HasNoValuesForSecrets()
    {
        foreach (var (name, value) in EnvExample.Values)
        {
            if (SecretName().IsMatch(name) || SecretValue().IsMatch(value))
            {
                Assert.That(value.Length == 0 || value.Contains(SecretTemplates.Placeholder, StringComparison.Ordinal), Is.True, $".env.example {name}={value}");
            }
        }
    }

    [GeneratedRegex(@"^kind:\s*Secret\s*$", RegexOptions.Multiline)]
    private static partial Regex SecretKind();

    /// <summary>Names of settings that are secrets (docs: deploy/README.md, "What is secret").</summary>
    [GeneratedRegex(@"PASSWORD|Password|Secret|SECRET|Passphrase|PASSPHRASE|ApiKey|AccessKey|SecretKey|ACCESS_KEY|ConnectionStrings__(Postgres|RabbitMq|Redis)")]
    internal static partial Regex SecretName();

    /// <summary>A credential inside a value: a connection string's password or a URI's user information.</summary>
    [GeneratedRegex(@"Password=[^;]|password=[^,]|://[^/@\s]+:[^/@\s]+@")]
    internal static partial Regex SecretValue();
}
