using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Loans.Infrastructure.Extraction;

/// <summary>
/// Reads the text of an image with the tesseract program, run directly (never through a shell) with the
/// image on stdin and the text on stdout. Answers null when the program is missing, fails or runs past
/// <see cref="OcrOptions.Timeout"/>: the caller then marks the document as needing OCR.
/// </summary>
internal sealed class TesseractOcr(IOptions<OcrOptions> options, ILogger<TesseractOcr> logger)
{
    private readonly Lazy<string?> _program = new(() => Resolve(options.Value.Path));

    public bool IsAvailable => _program.Value is not null;

    public async Task<string?> ReadAsync(byte[] image, CancellationToken cancellationToken)
    {
        if (_program.Value is not { } program)
        {
            return null;
        }

        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        start.ArgumentList.Add("stdin");
        start.ArgumentList.Add("stdout");
        using var process = Process.Start(start);
        if (process is null)
        {
            return null;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            // Both pipes are drained while the image is written, so neither side can block on a full pipe.
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var error = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.StandardInput.BaseStream.WriteAsync(image, timeout.Token);
            process.StandardInput.Close();
            await process.WaitForExitAsync(timeout.Token);
            if (process.ExitCode != 0)
            {
                logger.LogWarning("OCR failed with exit code {ExitCode}: {Error}", process.ExitCode, (await error).Trim());
                return null;
            }

            return await output;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("OCR took longer than {Timeout} and was stopped", options.Value.Timeout);
            return null;
        }
        catch (IOException exception)
        {
            logger.LogWarning(exception, "OCR process closed its pipes early");
            return null;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>A full path if it exists, else the name found on PATH, else null.</summary>
    private static string? Resolve(string program)
    {
        if (Path.IsPathRooted(program) || program.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return File.Exists(program) ? program : null;
        }

        var directories = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return directories.Select(directory => Path.Combine(directory, program)).FirstOrDefault(File.Exists);
    }
}
