using System.Diagnostics;

namespace Platform.Testing;

/// <summary>Runs one of the repository's shell scripts (deploy/...) as an operator would, with extra environment.</summary>
public static class RepoScript
{
    /// <returns>The exit code and everything the script wrote (stdout then stderr).</returns>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string script, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(TestEnvironment.RepoRoot, script), .. arguments])
        {
            WorkingDirectory = TestEnvironment.RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} {string.Join(' ', arguments)} did not finish in time:\n{await output}{await errors}");
        }

        return (process.ExitCode, await output + await errors);
    }

    /// <summary>Like <see cref="RunAsync"/>, failing the test unless the script exits 0; returns its output.</summary>
    public static async Task<string> RunOkAsync(
        string script, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var (exitCode, output) = await RunAsync(script, arguments, environment, timeout);
        return exitCode == 0 ? output : throw new InvalidOperationException($"{script} {string.Join(' ', arguments)} exited {exitCode}:\n{output}");
    }
}
