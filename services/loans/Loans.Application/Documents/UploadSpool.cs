using System.Buffers;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Loans.Application.Documents;

/// <summary>
/// Reads the one file of a multipart/form-data upload into a temporary file, hashing it on the way.
/// The body is read straight from the request, section by section (not through Request.Form, which
/// buffers every part), so memory stays at one buffer whatever the file's size.
/// </summary>
public sealed class UploadSpool(UploadSpoolOptions options)
{
    /// <summary>Below the large object heap threshold, the size the framework's own stream copies use.</summary>
    internal const int BufferSize = 81_920;

    /// <summary>
    /// Form fields next to the file (a description, an antiforgery token) are read and dropped; capped so
    /// a client cannot make the server read an unbounded non-file part.
    /// </summary>
    internal const int MaxFieldBytes = 64 * 1024;

    // RFC 2046: a boundary is 1 to 70 characters.
    private const int MaxBoundaryLength = 70;

    /// <summary>
    /// The spooled file, or why it is refused. On refusal nothing is left on disk. The caller disposes
    /// the upload (which deletes the temporary file) once the document is stored.
    /// </summary>
    /// <exception cref="IOException">The client went away mid-body.</exception>
    public async Task<UploadOutcome<SpooledUpload>> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return DocumentRefusals.NotMultipart;
        }

        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary);
        if (boundary.Length is 0 or > MaxBoundaryLength)
        {
            return DocumentRefusals.NotMultipart;
        }

        var reader = new MultipartReader(boundary.Value!, request.Body);
        SpooledUpload? upload = null;
        var handedOver = false;
        try
        {
            var fieldBytes = 0L;
            for (var section = await NextSectionAsync(reader, cancellationToken);
                 section is not null;
                 section = await NextSectionAsync(reader, cancellationToken))
            {
                var fileName = FileNameOf(section);
                if (fileName is null)
                {
                    fieldBytes += await DrainAsync(section.Body, MaxFieldBytes + 1 - fieldBytes, cancellationToken);
                    if (fieldBytes > MaxFieldBytes)
                    {
                        return DocumentRefusals.MalformedMultipart;
                    }

                    continue;
                }

                if (upload is not null)
                {
                    return DocumentRefusals.TooManyFiles;
                }

                var spooled = await SpoolAsync(section.Body, fileName, cancellationToken);
                if (!spooled.IsAccepted)
                {
                    return spooled;
                }

                upload = spooled.Value;
            }

            if (upload is null)
            {
                return DocumentRefusals.FileMissing;
            }

            handedOver = true;
            return upload;
        }
        catch (InvalidDataException)
        {
            // MultipartReader's word for broken framing (headers too long or too many), and the body
            // ending before the closing boundary (see ReadClientAsync).
            return DocumentRefusals.MalformedMultipart;
        }
        finally
        {
            if (!handedOver && upload is not null)
            {
                await upload.DisposeAsync();
            }
        }
    }

    /// <summary>The part's file name (filename* first, it carries UTF-8), or null for a plain form field.</summary>
    private static string? FileNameOf(MultipartSection section)
    {
        var disposition = section.GetContentDispositionHeader();
        if (disposition is null || !disposition.IsFileDisposition())
        {
            return null;
        }

        // Quotes removed but not unescaped: browsers send backslashes of Windows paths unescaped, and
        // DocumentFileName needs them to strip the directory part.
        return !StringSegment.IsNullOrEmpty(disposition.FileNameStar)
            ? disposition.FileNameStar.Value!
            : HeaderUtilities.RemoveQuotes(disposition.FileName).Value ?? "";
    }

    private async Task<UploadOutcome<SpooledUpload>> SpoolAsync(Stream body, string fileName, CancellationToken cancellationToken)
    {
        var path = Path.Combine(options.Directory ?? Path.GetTempPath(), $"loans-upload-{Guid.NewGuid():N}.tmp");
        var file = new FileStream(path, SpoolFileOptions());
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        var kept = false;
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var length = 0L;
            while (true)
            {
                // Never asks for more than one byte past the limit: that byte is enough to refuse.
                var wanted = (int)Math.Min(BufferSize, options.MaxBytes + 1 - length);
                var read = await ReadClientAsync(body, buffer.AsMemory(0, wanted), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > options.MaxBytes)
                {
                    return DocumentRefusals.TooLarge(options.MaxBytes);
                }

                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            if (length == 0)
            {
                return DocumentRefusals.Empty;
            }

            kept = true;
            return new SpooledUpload(file, fileName, length, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (!kept)
            {
                await file.DisposeAsync();
            }
        }
    }

    private static FileStreamOptions SpoolFileOptions()
    {
        var spool = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.Read | FileShare.Delete,
            Options = FileOptions.DeleteOnClose,
            // The copy loop has its own buffer; a second one in the FileStream would only copy twice.
            BufferSize = 0,
        };
        if (!OperatingSystem.IsWindows())
        {
            // Readable by the service's own account only: uploads hold personal and financial data.
            spool.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return spool;
    }

    /// <summary>Reads a part to its end, stopping once more than <paramref name="budget"/> bytes were seen; returns the bytes read.</summary>
    private static async Task<long> DrainAsync(Stream part, long budget, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            var total = 0L;
            int read;
            while (total < budget && (read = await ReadClientAsync(part, buffer.AsMemory(0, (int)Math.Min(BufferSize, budget - total)), cancellationToken)) > 0)
            {
                total += read;
            }

            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<MultipartSection?> NextSectionAsync(MultipartReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadNextSectionAsync(cancellationToken);
        }
        catch (IOException e) when (IsClientFault(e))
        {
            throw new InvalidDataException("The request body ended before its closing boundary.", e);
        }
    }

    private static async Task<int> ReadClientAsync(Stream body, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            return await body.ReadAsync(buffer, cancellationToken);
        }
        catch (IOException e) when (IsClientFault(e))
        {
            throw new InvalidDataException("The request body ended before its closing boundary.", e);
        }
    }

    /// <summary>
    /// A request body that ends early or breaks is the client's doing and becomes a malformed-body
    /// refusal; only reads of the body are wrapped, so an IOException of the temporary file (a full
    /// disk) stays a server error. Kestrel's 413 for a body over the endpoint's limit passes through to
    /// the platform's exception handler, which answers it as such.
    /// </summary>
    private static bool IsClientFault(IOException exception) =>
        exception is not BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge };
}
