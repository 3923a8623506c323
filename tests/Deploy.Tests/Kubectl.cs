using System.Collections.Concurrent;

namespace Deploy.Tests;

/// <summary>
/// <c>kubectl kustomize</c>, the renderer operators use. Missing, the rendering tests are skipped on a
/// developer machine, but fail under CI=true: there they would otherwise pass by proving nothing.
/// <c>make test</c> installs Debian's <c>kubectl</c> package when it can (deploy/local/test.sh).
/// </summary>
internal static class Kubectl
{
    private static readonly ConcurrentDictionary<string, string> Rendered = new(StringComparer.Ordinal);

    public static string? Path { get; } = Processes.Find("kubectl");

    public static void Require()
    {
        if (Path is not null)
        {
            return;
        }

        const string why = "kubectl is not on PATH: install the Debian package `kubectl` (deploy/local/test.sh does when it can)";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(why);
        }

        Assert.Ignore(why);
    }

    /// <summary>The rendered YAML of a kustomization under deploy/k8s, e.g. <c>overlays/prod</c>; once per test run.</summary>
    public static string Kustomize(string directory)
    {
        Require();
        return Rendered.GetOrAdd(directory, static dir =>
        {
            var (exit, output, error) = Processes.Run(Path!, ["kustomize", System.IO.Path.Combine(Repo.K8s, dir)]);
            Assert.That(exit, Is.Zero, $"kubectl kustomize deploy/k8s/{dir} failed: {error}");
            return output;
        });
    }
}
