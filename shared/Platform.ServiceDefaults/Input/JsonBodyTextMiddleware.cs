using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Platform.ServiceDefaults.Errors;
using Platform.SharedKernel;

namespace Platform.ServiceDefaults.Input;

/// <summary>
/// Applies the client text rule (<see cref="ClientText"/>; tab, CR and LF allowed, as bodies carry free
/// text) to every string value and member name of a JSON body, before an endpoint binds it: NUL would
/// otherwise reach PostgreSQL (which refuses it: a 500) and controls or unpaired surrogates ("\ud800")
/// would be stored or logged. One scan of the raw body covers typed bodies, <c>JsonObject</c> patches and
/// dictionary keys alike, and leaves serialization and the OpenAPI schemas untouched (a string converter
/// would turn every string schema into <c>{}</c>). Single-line fields add <see cref="Application.InputRules.SingleLineText{T}"/>.
/// Runs after authorization, so anonymous or throttled callers never get a body parsed; the body is
/// buffered and rewound for the endpoint (or the proxy). JSON that does not parse is left for the
/// endpoint, which answers it as malformed.
/// </summary>
internal sealed class JsonBodyTextMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength is not 0 && context.Request.HasJsonContentType())
        {
            context.Request.EnableBuffering();
            var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            context.Request.Body.Position = 0;
            if (Scan(body.GetBuffer().AsSpan(0, (int)body.Length)) is { } refusal)
            {
                await RequestRefusal.WriteAsync(context, StatusCodes.Status400BadRequest, "request.invalid_characters",
                    "The request contains characters that are not allowed.",
                    "A text value holds NUL, a control character or an unpaired surrogate; see the errors for where.",
                    new Dictionary<string, string[]> { [refusal.Path] = [refusal.Message] });
                return;
            }
        }

        await next(context);
    }

    /// <summary>The first string that breaks the rule, with its JSON path (<c>$.name</c>, <c>$.tags[2]</c>); null when none does or the JSON does not parse.</summary>
    internal static (string Path, string Message)? Scan(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        // One frame per open container: the member being read (objects) or the next index (arrays).
        var frames = new List<(bool IsArray, string? Member, int Index)>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var name = ReadText(ref reader, out var nameProblem);
                        if (nameProblem is not null)
                        {
                            return (PathOf(frames), "A member name: " + nameProblem);
                        }

                        frames[^1] = (false, name, 0);
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        frames.Add((reader.TokenType == JsonTokenType.StartArray, null, 0));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        Advance(frames);
                        break;
                    case JsonTokenType.String:
                        ReadText(ref reader, out var problem);
                        if (problem is not null)
                        {
                            return (PathOf(frames), problem);
                        }

                        Advance(frames);
                        break;
                    default:
                        Advance(frames);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return null;
    }

    private static string? ReadText(ref Utf8JsonReader reader, out string? problem)
    {
        string? text;
        try
        {
            text = reader.GetString();
        }
        catch (InvalidOperationException)
        {
            // A string token that is not text: an escaped unpaired surrogate.
            problem = "Contains an unpaired UTF-16 surrogate; send valid Unicode text.";
            return null;
        }

        problem = text is null ? null : ClientText.Problem(text, multiLine: true);
        return text;
    }

    // After a value inside an array, the next one has the next index.
    private static void Advance(List<(bool IsArray, string? Member, int Index)> frames)
    {
        if (frames.Count > 0 && frames[^1].IsArray)
        {
            frames[^1] = frames[^1] with { Index = frames[^1].Index + 1 };
        }
    }

    private static string PathOf(List<(bool IsArray, string? Member, int Index)> frames)
    {
        var path = new StringBuilder("$");
        foreach (var (isArray, member, index) in frames)
        {
            if (isArray)
            {
                path.Append('[').Append(index).Append(']');
            }
            else if (member is not null)
            {
                path.Append('.').Append(member);
            }
        }

        return path.ToString();
    }
}
