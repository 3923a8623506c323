using k8s.Models;

namespace Deploy.Tests;

/// <summary>The <c>&lt;name&gt;.secret.example.yaml</c> templates: the only Secrets in the repository.</summary>
internal static class SecretTemplates
{
    public const string Placeholder = "REPLACE_ME";

    public static string PathOf(string deployable) => Repo.Path("deploy", "k8s", "base", deployable, $"{deployable}.secret.example.yaml");

    public static V1Secret Of(string deployable) => (V1Secret)Manifests.Parse(File.ReadAllText(PathOf(deployable))).Single();

    public static IEnumerable<string> KeysOf(string deployable) => Of(deployable).StringData.Keys;
}
