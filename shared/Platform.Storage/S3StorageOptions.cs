namespace Platform.Storage;

/// <summary>Section <c>Storage:S3</c>. Credentials left empty come from the AWS SDK's usual chain (environment, instance role).</summary>
public sealed class S3StorageOptions
{
    /// <summary>Smallest part S3 accepts in a multipart upload (except the last).</summary>
    public const int MinPartSizeBytes = 5 * 1024 * 1024;

    public string Bucket { get; set; } = "";

    /// <summary>Endpoint of an S3-compatible server (MinIO, s3rver); empty for AWS itself, which is found from <see cref="Region"/>.</summary>
    public string? ServiceUrl { get; set; }

    public string Region { get; set; } = "us-east-1";

    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>
    /// <c>http://host/bucket/key</c> instead of <c>http://bucket.host/key</c>: S3-compatible servers
    /// on a plain host name or IP address have no per-bucket DNS names.
    /// </summary>
    public bool ForcePathStyle { get; set; }

    /// <summary>
    /// Bytes held in memory per upload: a document up to this size is one PUT, a larger one is a
    /// multipart upload of parts this big. This bounds memory whatever the document's size.
    /// </summary>
    public int PartSizeBytes { get; set; } = 8 * 1024 * 1024;
}
