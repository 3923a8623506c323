using System.Buffers;
using System.Net;
using System.Security.Cryptography;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Platform.Storage;

/// <summary>
/// Documents as objects in one bucket. The content stream may be non-seekable and of unknown length
/// (a request body), so it is cut into parts of <see cref="S3StorageOptions.PartSizeBytes"/>: a
/// document that fits in one part is a single PUT, a larger one a multipart upload sent one part at
/// a time. Memory per upload is one part, whatever the document's size.
/// </summary>
internal sealed class S3DocumentStore : IDocumentStore, IDisposable
{
    private readonly IAmazonS3 _s3;
    private readonly string _bucket;
    private readonly int _partSize;
    private readonly TimeProvider _time;

    public S3DocumentStore(S3StorageOptions options, TimeProvider time)
    {
        _s3 = CreateClient(options);
        _bucket = options.Bucket;
        _partSize = options.PartSizeBytes;
        _time = time;
    }

    public static AmazonS3Client CreateClient(S3StorageOptions options)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            // The SDK's default since 4.x is a CRC checksum on every request (sent as an aws-chunked
            // trailer) and validation of every response; S3-compatible servers that predate that
            // reject or garble such requests. "When required" sends checksums only where S3 demands them.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }
        else
        {
            config.ServiceURL = options.ServiceUrl;
            config.AuthenticationRegion = options.Region;
        }

        return string.IsNullOrEmpty(options.AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }

    public async Task<StoredDocument> PutAsync(Stream content, string contentType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var key = DocumentKey.New(_time.GetUtcNow());
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(_partSize);
        try
        {
            var filled = await FillAsync(content, buffer, hash, cancellationToken);
            if (filled < _partSize)
            {
                await PutSingleAsync(key, contentType, buffer, filled, cancellationToken);
                return new StoredDocument(key, filled, Convert.ToHexStringLower(hash.GetHashAndReset()), contentType);
            }

            var size = await PutMultipartAsync(key, contentType, content, buffer, filled, hash, cancellationToken);
            return new StoredDocument(key, size, Convert.ToHexStringLower(hash.GetHashAndReset()), contentType);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        DocumentKey.EnsureValid(key);
        try
        {
            var response = await _s3.GetObjectAsync(new GetObjectRequest { BucketName = _bucket, Key = key }, cancellationToken);
            return new S3ObjectStream(response);
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        DocumentKey.EnsureValid(key);
        // S3 answers 204 whether or not the object existed, which is the idempotence the interface promises.
        await _s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _bucket, Key = key }, cancellationToken);
    }

    public void Dispose() => _s3.Dispose();

    private async Task PutSingleAsync(string key, string contentType, byte[] buffer, int length, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(buffer, 0, length, writable: false);
        await _s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _bucket,
            Key = key,
            ContentType = contentType,
            InputStream = body,
            AutoCloseStream = false,
            // The length is known (it is in memory), so plain signing works everywhere. With
            // aws-chunked encoding (the SDK's default) s3rver 3.7 stores the chunk framing and
            // signatures as part of the object: silently corrupt content, caught by the round-trip tests.
            UseChunkEncoding = false,
        }, cancellationToken);
    }

    private async Task<long> PutMultipartAsync(
        string key, string contentType, Stream content, byte[] buffer, int filled, IncrementalHash hash, CancellationToken cancellationToken)
    {
        var upload = await _s3.InitiateMultipartUploadAsync(
            new InitiateMultipartUploadRequest { BucketName = _bucket, Key = key, ContentType = contentType }, cancellationToken);
        var parts = new List<PartETag>();
        long size = 0;
        try
        {
            // A part is sent only once the next read shows whether it is the last, and a part-sized
            // buffer always comes before a short (or empty) read, so no empty part is ever uploaded.
            while (filled > 0)
            {
                var partNumber = parts.Count + 1;
                using (var body = new MemoryStream(buffer, 0, filled, writable: false))
                {
                    var part = await _s3.UploadPartAsync(new UploadPartRequest
                    {
                        BucketName = _bucket,
                        Key = key,
                        UploadId = upload.UploadId,
                        PartNumber = partNumber,
                        InputStream = body,
                        PartSize = filled,
                        UseChunkEncoding = false, // see PutSingleAsync
                    }, cancellationToken);
                    parts.Add(new PartETag(partNumber, part.ETag));
                }

                size += filled;
                filled = filled < _partSize ? 0 : await FillAsync(content, buffer, hash, cancellationToken);
            }

            await _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = _bucket,
                Key = key,
                UploadId = upload.UploadId,
                PartETags = parts,
            }, cancellationToken);
            return size;
        }
        catch
        {
            await AbortQuietlyAsync(key, upload.UploadId);
            throw;
        }
    }

    // Uploaded parts of an unfinished upload are stored (and billed) until aborted.
    private async Task AbortQuietlyAsync(string key, string uploadId)
    {
        try
        {
            await _s3.AbortMultipartUploadAsync(
                new AbortMultipartUploadRequest { BucketName = _bucket, Key = key, UploadId = uploadId }, CancellationToken.None);
        }
        catch (AmazonServiceException)
        {
            // A lifecycle rule on the bucket is the backstop; the original failure is the one to report.
        }
    }

    private async Task<int> FillAsync(Stream content, byte[] buffer, IncrementalHash hash, CancellationToken cancellationToken)
    {
        var filled = 0;
        int read;
        while (filled < _partSize && (read = await content.ReadAsync(buffer.AsMemory(filled, _partSize - filled), cancellationToken)) > 0)
        {
            hash.AppendData(buffer, filled, read);
            filled += read;
        }

        return filled;
    }
}
