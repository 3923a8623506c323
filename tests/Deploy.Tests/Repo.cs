using Platform.Testing;

namespace Deploy.Tests;

/// <summary>Where the deployment files and the code they must agree with are.</summary>
internal static class Repo
{
    /// <summary>The services, each with a database schema, a migration Job and a Secret of its own.</summary>
    public static readonly string[] Services = ["identity", "deals", "alerts", "marketdata", "portfolio", "loans"];

    /// <summary>The services and the gateway: everything with an image, a Deployment and a Service.</summary>
    public static readonly string[] Deployables = [.. Services, "gateway"];

    /// <summary>Every kustomization meant to be rendered: the base, the cluster overlays, the podman run.</summary>
    public static readonly string[] Kustomizations = ["base", "overlays/dev", "overlays/staging", "overlays/prod", "overlays/podman", "overlays/podman/infra"];

    public static readonly string[] ClusterOverlays = ["overlays/dev", "overlays/staging", "overlays/prod"];

    public static string Root => TestEnvironment.RepoRoot;

    public static string K8s => System.IO.Path.Combine(Root, "deploy", "k8s");

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    public static string Read(params string[] parts) => File.ReadAllText(Path(parts));

    /// <summary>The folder of a deployable's ASP.NET Core project (its appsettings.json and Program.cs).</summary>
    public static string ProjectOf(string deployable) => deployable == "gateway"
        ? Path("gateway", "Gateway")
        : Directory.GetDirectories(Path("services", deployable), "*.Api").Single();

    /// <summary>The C# sources a deployable is built from: its own folder and the shared libraries.</summary>
    public static IEnumerable<string> SourcesOf(string deployable) =>
        new[] { deployable == "gateway" ? Path("gateway") : Path("services", deployable), Path("shared") }
            .SelectMany(dir => Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{System.IO.Path.DirectorySeparatorChar}obj{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{System.IO.Path.DirectorySeparatorChar}bin{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal));
}
