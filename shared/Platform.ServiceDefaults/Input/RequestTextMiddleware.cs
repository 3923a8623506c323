using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Platform.ServiceDefaults.Errors;
using Platform.SharedKernel;

namespace Platform.ServiceDefaults.Input;

/// <summary>
/// Applies the client text rule (<see cref="ClientText"/>, single-line) to the path and to every
/// query-string name and value, after percent-decoding and before any endpoint binds them. It decodes
/// the request target as sent, strictly: the framework would turn invalid UTF-8 into U+FFFD (query) or
/// leave it encoded (path), and either way a malformed value would be silently changed rather than refused.
/// </summary>
internal sealed class RequestTextMiddleware(RequestDelegate next)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public Task InvokeAsync(HttpContext context)
    {
        var problem = PathProblem(context) ?? QueryProblem(context.Request.QueryString.Value);
        return problem is { } refusal
            ? RequestRefusal.WriteAsync(context, StatusCodes.Status400BadRequest, "request.invalid_characters", "The request contains characters that are not allowed.",
                "Query strings and paths must be valid UTF-8 text without control characters; see the errors for where.",
                new Dictionary<string, string[]> { [refusal.Field] = [refusal.Message] })
            : next(context);
    }

    private static (string Field, string Message)? PathProblem(HttpContext context)
    {
        // The raw target keeps what the server did not decode (invalid UTF-8); the decoded path is the fallback.
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var path = raw is { Length: > 0 } && raw[0] == '/'
            ? raw.AsSpan(0, raw.IndexOf('?', StringComparison.Ordinal) is var end and >= 0 ? end : raw.Length)
            : (context.Request.PathBase + context.Request.Path).Value.AsSpan();
        return Decode(path, plusIsSpace: false) is not { } decoded
            ? ("path", "Not valid UTF-8 after percent-decoding.")
            : ClientText.Problem(decoded, multiLine: false) is { } problem ? ("path", problem) : null;
    }

    private static (string Field, string Message)? QueryProblem(string? query)
    {
        if (string.IsNullOrEmpty(query))
        {
            return null;
        }

        foreach (var pair in query.TrimStart('?').Split('&'))
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(separator < 0 ? pair : pair[..separator], plusIsSpace: true);
            if (name is null || ClientText.Problem(name, multiLine: false) is not null)
            {
                return ("query", "A parameter name is not valid UTF-8 text without control characters.");
            }

            if (separator < 0)
            {
                continue;
            }

            var value = Decode(pair.AsSpan(separator + 1), plusIsSpace: true);
            if (value is null)
            {
                return (name, "Not valid UTF-8 after percent-decoding.");
            }

            if (ClientText.Problem(value, multiLine: false) is { } problem)
            {
                return (name, problem);
            }
        }

        return null;
    }

    /// <summary>
    /// Percent-decodes to bytes and reads them as strict UTF-8; null when they are not UTF-8 (or the
    /// literal text holds an unpaired surrogate). A '%' not followed by two hex digits stays as it is,
    /// as the framework reads it.
    /// </summary>
    private static string? Decode(ReadOnlySpan<char> encoded, bool plusIsSpace)
    {
        var bytes = new byte[StrictUtf8.GetMaxByteCount(encoded.Length)];
        var count = 0;
        try
        {
            for (var i = 0; i < encoded.Length;)
            {
                if (encoded[i] == '%' && i + 2 < encoded.Length && char.IsAsciiHexDigit(encoded[i + 1]) && char.IsAsciiHexDigit(encoded[i + 2]))
                {
                    bytes[count++] = (byte)((HexValue(encoded[i + 1]) << 4) | HexValue(encoded[i + 2]));
                    i += 3;
                }
                else if (encoded[i] == '+' && plusIsSpace)
                {
                    bytes[count++] = (byte)' ';
                    i++;
                }
                else
                {
                    // Literal text up to the next escape, as UTF-8.
                    var next = encoded[(i + 1)..].IndexOfAny('%', '+');
                    var literal = encoded.Slice(i, next < 0 ? encoded.Length - i : next + 1);
                    count += StrictUtf8.GetBytes(literal, bytes.AsSpan(count));
                    i += literal.Length;
                }
            }

            return StrictUtf8.GetString(bytes, 0, count);
        }
        catch (ArgumentException invalid) when (invalid is DecoderFallbackException or EncoderFallbackException)
        {
            return null;
        }
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
