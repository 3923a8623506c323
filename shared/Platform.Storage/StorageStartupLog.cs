using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.Storage;

/// <summary>
/// Says at start-up where documents go. Resolving the store here also creates it (and the
/// filesystem root) before the first request, so a root that cannot be created fails the start.
/// </summary>
internal sealed partial class StorageStartupLog(IOptions<StorageOptions> options, IDocumentStore store, ILogger<StorageStartupLog> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var value = options.Value;
        switch (store)
        {
            case FileSystemDocumentStore:
                LogFileSystem(logger, Path.GetFullPath(value.FileSystem.Root), value.FileSystem.Shared, value.Replicas);
                break;
            default:
                LogS3(logger, value.S3.Bucket, string.IsNullOrWhiteSpace(value.S3.ServiceUrl) ? "AWS " + value.S3.Region : value.S3.ServiceUrl,
                    value.S3.ForcePathStyle);
                break;
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Document storage: FileSystem provider at {Root} (shared volume: {Shared}, replicas: {Replicas})")]
    private static partial void LogFileSystem(ILogger logger, string root, bool shared, int replicas);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Document storage: S3 provider, bucket {Bucket} at {Endpoint} (path-style: {PathStyle})")]
    private static partial void LogS3(ILogger logger, string bucket, string endpoint, bool pathStyle);
}
