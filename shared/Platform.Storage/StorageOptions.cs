namespace Platform.Storage;

/// <summary>Section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Required: a service that stores documents must say where, there is no silent default.</summary>
    public StorageProvider? Provider { get; set; }

    /// <summary>
    /// How many instances of the service run. A directory on one machine is only safe for one
    /// instance: with more, a document written by one replica is missing on the others.
    /// </summary>
    public int Replicas { get; set; } = 1;

    public FileSystemStorageOptions FileSystem { get; set; } = new();

    public S3StorageOptions S3 { get; set; } = new();
}
