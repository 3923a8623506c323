using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Platform.Testing;

/// <summary>
/// A real S3-compatible server (npm's s3rver, installed by <c>deploy/local/s3.sh install</c>) on a
/// free loopback port with its data in a temporary directory, owned by one test fixture.
/// </summary>
public sealed partial class S3rverServer : IDisposable
{
    /// <summary>s3rver's fixed credentials.</summary>
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private readonly Process _process;
    private readonly string _directory;

    private S3rverServer(Process process, string directory, Uri serviceUrl)
    {
        _process = process;
        _directory = directory;
        ServiceUrl = serviceUrl;
    }

    public Uri ServiceUrl { get; }

    /// <summary>Where s3rver is: <c>PLATFORM_S3RVER</c>, else the copy s3.sh installs under the run directory.</summary>
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("PLATFORM_S3RVER") is { Length: > 0 } path
            ? path
            : Path.Combine(RunDirectory, "s3rver", "node_modules", ".bin", "s3rver");

    /// <summary>Starts the server with <paramref name="bucket"/> created; null with the reason when it cannot be started here.</summary>
    public static async Task<(S3rverServer? Server, string? Reason)> TryStartAsync(string bucket)
    {
        var executable = ExecutablePath;
        if (!File.Exists(executable))
        {
            return (null, $"s3rver is not installed at {executable}: run deploy/local/s3.sh install (or set PLATFORM_S3RVER).");
        }

        var directory = Path.Combine(Path.GetTempPath(), "platform-s3rver", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-d", directory, "-a", "127.0.0.1", "-p", "0", "--silent", "--configure-bucket", bucket })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            return (null, $"s3rver could not be started ({executable}): {exception.Message}");
        }

        // Port 0 lets the server pick a free port; it names it on its first line of output.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (Listening().Match(line) is { Success: true } match)
                {
                    _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                    return (new S3rverServer(process, directory, new Uri($"http://127.0.0.1:{match.Groups[1].Value}")), null);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        process.Kill(entireProcessTree: true);
        var error = await process.StandardError.ReadToEndAsync(CancellationToken.None);
        process.Dispose();
        return (null, $"s3rver did not report a listening port within 30 s. {error}".Trim());
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static string RunDirectory =>
        Environment.GetEnvironmentVariable("PLATFORM_RUN_DIR") is { Length: > 0 } dir ? dir : Path.Combine(TestEnvironment.RepoRoot, ".run");

    [GeneratedRegex(@"listening on [^\s:]+:(\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex Listening();
}
