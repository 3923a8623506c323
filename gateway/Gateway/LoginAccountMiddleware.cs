using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Input;

namespace Gateway;

/// <summary>
/// Route metadata (<c>Metadata: { "LoginAccountField": "username" }</c>): the body field that names the
/// account on a sign-in route; <c>email</c> when a route does not say.
/// </summary>
internal sealed record LoginAccountField(string Name)
{
    public const string RouteMetadataKey = "LoginAccountField";
    public const string Default = "email";
}

/// <summary>
/// On routes with the <c>login</c> rate limiter policy, reads which account the request signs in to
/// (the route's <see cref="LoginAccountField"/>, from a JSON body or a form) so the limiter can count
/// attempts per account. The body is buffered and rewound, so the service receives it intact.
/// A body too large to read is refused at once: padding a sign-in must not slip past the per-account
/// limit. JSON that does not parse is left for the service, and JSON text that breaks the input rules
/// for the shared JSON check. A form the gateway cannot read exactly as the service would (not UTF-8,
/// control characters, the account field twice, another charset) names no account, so it counts
/// against its address only, and <see cref="RefuseUnreadableAsync"/> refuses it after the limiter.
/// </summary>
internal sealed class LoginAccountMiddleware(RequestDelegate next)
{
    // Sign-in bodies are a few hundred bytes; a larger one is not worth parsing here.
    private const int MaxBodyBytes = 8 * 1024;
    private const string AccountKey = "Gateway.LoginAccount";
    private const string RefusalKey = "Gateway.LoginRefusal";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata is { } metadata && IsLoginRoute(metadata) && context.Request.ContentLength is not 0)
        {
            if (context.Request.ContentLength > MaxBodyBytes)
            {
                throw TooLarge();
            }

            var field = metadata.GetMetadata<LoginAccountField>()?.Name ?? LoginAccountField.Default;
            var (account, refusal) = await ReadAccountAsync(context.Request, field, context.RequestAborted);
            if (account is not null)
            {
                context.Items[AccountKey] = account;
            }

            if (refusal is not null)
            {
                context.Items[RefusalKey] = refusal;
            }
        }

        await next(context);
    }

    public static string? Get(HttpContext context) =>
        context.Items.TryGetValue(AccountKey, out var value) ? value as string : null;

    /// <summary>After the rate limiter: a sign-in body the reader could not read is refused once it has been counted.</summary>
    public static Task RefuseUnreadableAsync(HttpContext context, RequestDelegate next) =>
        context.Items.TryGetValue(RefusalKey, out var value) && value is Refusal refusal
            ? RequestRefusal.WriteAsync(context, refusal.Status, refusal.ErrorCode, refusal.Title,
                "The gateway reads which account a sign-in is for and could not read this body as the service would; see the errors for where.",
                new Dictionary<string, string[]> { [refusal.Field] = [refusal.Message] })
            : next(context);

    private static bool IsLoginRoute(EndpointMetadataCollection metadata) =>
        metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == RateLimitingSetup.LoginPolicy;

    private static async Task<(string? Account, Refusal? Refusal)> ReadAccountAsync(HttpRequest request, string field, CancellationToken cancellationToken)
    {
        var isJson = request.HasJsonContentType();
        var isForm = MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            && mediaType.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
        if (!isJson && !isForm)
        {
            return (null, null);
        }

        // The service would decode another charset into other text than the gateway reads: another account.
        if (mediaType?.Charset is { Length: > 0 } charset
            && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("\"utf-8\"", StringComparison.OrdinalIgnoreCase))
        {
            return (null, new Refusal(StatusCodes.Status415UnsupportedMediaType, "request.unsupported_media_type",
                "The request body's media type is not supported.", "charset", "Sign-in bodies are UTF-8; send charset=utf-8 or none."));
        }

        request.EnableBuffering(MaxBodyBytes);
        var buffer = new byte[MaxBodyBytes + 1];
        int length;
        try
        {
            length = await request.Body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        }
        finally
        {
            request.Body.Position = 0;
        }

        if (length > MaxBodyBytes)
        {
            throw TooLarge();
        }

        var body = buffer.AsMemory(0, length);
        if (isJson)
        {
            return (Normalize(FromJson(body, field)), null);
        }

        var (account, refusal) = FromForm(body.Span, field);
        return (Normalize(account), refusal);
    }

    private static string? FromJson(ReadOnlyMemory<byte> body, string field)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            // The service binds case-insensitively and the last duplicate wins: read it the same way.
            string? account = null;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name.Equals(field, StringComparison.OrdinalIgnoreCase))
                {
                    account = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                }
            }

            return account;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            // Valid JSON whose account (or a member name) is not text: an escaped unpaired surrogate such as
            // "\ud800". Refused by the shared JSON text check (400) before the service checks any password.
            return null;
        }
    }

    /// <summary>
    /// Strictly, unlike the framework's reader (which turns invalid UTF-8 into U+FFFD and leaves bad escapes
    /// as they are), so the account counted is the one the service signs in to, or the form is refused.
    /// </summary>
    private static (string? Account, Refusal? Refusal) FromForm(ReadOnlySpan<byte> body, string field)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return (null, InvalidCharacters("form", "Not valid UTF-8."));
        }

        if (UrlEncodedText.Problem(text, "form", multiLine: true) is { } problem)
        {
            return (null, InvalidCharacters(problem.Field, problem.Message));
        }

        Dictionary<string, StringValues> form;
        try
        {
            form = new FormReader(text).ReadForm();
        }
        catch (InvalidDataException)
        {
            // More fields, or longer names, than the service's form reader accepts either.
            return (null, Invalid("form", "Too many fields or too long a field name."));
        }

        // Field names are case-insensitive here and may not be in the service: one spelling, once.
        return form.TryGetValue(field, out var values) switch
        {
            false => (null, null),
            true when values.Count == 1 => (values[0], null),
            _ => (null, Invalid(field, "Appears more than once; send it once.")),
        };
    }

    private static Refusal InvalidCharacters(string field, string message) =>
        new(StatusCodes.Status400BadRequest, "request.invalid_characters", "The request contains characters that are not allowed.", field, message);

    private static Refusal Invalid(string field, string message) =>
        new(StatusCodes.Status400BadRequest, "request.invalid", "The request could not be read.", field, message);

    private static BadHttpRequestException TooLarge() =>
        new("A sign-in request body is at most 8 KiB.", StatusCodes.Status413PayloadTooLarge);

    private static string? Normalize(string? account) =>
        string.IsNullOrWhiteSpace(account) ? null : account.Trim().ToLowerInvariant();

    private sealed record Refusal(int Status, string ErrorCode, string Title, string Field, string Message);
}
