using System.Text.RegularExpressions;

namespace Deploy.Tests;

/// <summary>What the code and the image recipe say, read from the files the manifests must agree with.</summary>
internal static partial class CodeFacts
{
    private static readonly Lazy<string> Dockerfile = new(() => Repo.Read("deploy", "docker", "service.Dockerfile"));
    private static readonly Lazy<string[]> HealthPaths = new(() =>
        [.. MapHealthChecks().Matches(Repo.Read("shared", "Platform.ServiceDefaults", "Health", "HealthSetup.cs")).Select(m => m.Groups[1].Value)]);

    /// <summary>The port every image listens on (its EXPOSE).</summary>
    public static int ContainerPort => int.Parse(Expose().Match(Dockerfile.Value).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The numeric id of the images' non-root user.</summary>
    public static long AppUserId
    {
        get
        {
            var numeric = UserLine().Matches(Dockerfile.Value).LastOrDefault()
                ?? AppUserComment().Match(Dockerfile.Value);
            Assert.That(numeric.Success, Is.True, "service.Dockerfile names the app user's numeric id");
            return long.Parse(numeric.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public static string LivenessPath => HealthPaths.Value.Single(p => p.EndsWith("/live", StringComparison.Ordinal));

    public static string ReadinessPath => HealthPaths.Value.Single(p => p.EndsWith("/ready", StringComparison.Ordinal));

    [GeneratedRegex(@"^EXPOSE\s+(\d+)", RegexOptions.Multiline)]
    private static partial Regex Expose();

    [GeneratedRegex(@"^USER\s+(\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex UserLine();

    [GeneratedRegex(@"`app` user, by numeric id \((\d+)\)")]
    private static partial Regex AppUserComment();

    [GeneratedRegex(@"MapHealthChecks\(""([^""]+)""")]
    private static partial Regex MapHealthChecks();
}
