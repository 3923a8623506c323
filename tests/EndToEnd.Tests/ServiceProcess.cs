using System.Diagnostics;
using System.Net;
using System.Text;
using Platform.Testing;

namespace EndToEnd.Tests;

/// <summary>One deployable started as its own process from its build output, as an operator would run it.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServiceProcess(string name, Process process, Uri baseAddress)
    {
        Name = name;
        _process = process;
        BaseAddress = baseAddress;
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    /// <summary>The last lines the process wrote, for failure messages.</summary>
    public string RecentOutput
    {
        get
        {
            lock (_output)
            {
                var lines = _output.ToString().Split('\n');
                return string.Join('\n', lines.TakeLast(40));
            }
        }
    }

    /// <summary>Starts <c>dotnet &lt;dll&gt;</c> with the given environment and waits for <c>/health/ready</c>.</summary>
    public static async Task<ServiceProcess> StartAsync(string name, string projectDirectory, int port, IDictionary<string, string> environment)
    {
        var process = new Process { StartInfo = StartInfo(projectDirectory, port, environment, []), EnableRaisingEvents = true };
        var service = new ServiceProcess(name, process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => service.Append(e.Data);
        process.ErrorDataReceived += (_, e) => service.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await service.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        return service;
    }

    /// <summary>Runs a deployable to completion (a one-shot command such as <c>--migrate-only</c>).</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(
        string projectDirectory, IDictionary<string, string> environment, string[] arguments, TimeSpan timeout)
    {
        using var process = new Process { StartInfo = StartInfo(projectDirectory, TestPorts.Next(), environment, arguments) };
        process.Start();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{projectDirectory} {string.Join(' ', arguments)} did not exit within {timeout.TotalSeconds} s.");
        }

        return (process.ExitCode, await output + await errors);
    }

    private static ProcessStartInfo StartInfo(string projectDirectory, int port, IDictionary<string, string> environment, string[] arguments)
    {
        var dll = BuildOutput(projectDirectory);
        var start = new ProcessStartInfo("dotnet", [dll, .. arguments])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return start;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode}:\n{RecentOutput}");
            }

            try
            {
                if ((await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy starting.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{Name} was not ready within {timeout.TotalSeconds} s:\n{RecentOutput}");
    }

    // The same configuration as the test assembly itself (Release under make test, Debug from an IDE).
    private static string BuildOutput(string projectDirectory)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release" : "Debug";
        var directory = Path.Combine(TestEnvironment.RepoRoot, projectDirectory);
        var dll = Path.Combine(directory, "bin", configuration, "net10.0", Path.GetFileName(projectDirectory) + ".dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build {projectDirectory} ({configuration}) first.", dll);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
