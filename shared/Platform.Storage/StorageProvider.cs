namespace Platform.Storage;

public enum StorageProvider
{
    /// <summary>A directory on local disk or on a volume every replica mounts.</summary>
    FileSystem,

    /// <summary>Amazon S3 or an S3-compatible server.</summary>
    S3,
}
