namespace Platform.Storage;

/// <summary>Section <c>Storage:FileSystem</c>.</summary>
public sealed class FileSystemStorageOptions
{
    /// <summary>Directory that holds the documents; created when missing.</summary>
    public string Root { get; set; } = "";

    /// <summary>
    /// Set when <see cref="Root"/> is a volume every replica mounts (NFS, a ReadWriteMany claim),
    /// which makes more than one replica safe with this provider.
    /// </summary>
    public bool Shared { get; set; }
}
