using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Gateway;

/// <summary>
/// On routes with the <c>login</c> rate limiter policy, reads which account the request signs in to
/// (JSON <c>email</c>, or form <c>username</c> of a <c>password</c> grant) so the limiter can count
/// attempts per account. The body is buffered and rewound, so the service receives it intact.
/// Anything unreadable is left for the service to reject (it never checks a password then). A body
/// too large to read is refused here: padding a sign-in must not slip past the per-account limit.
/// </summary>
internal sealed class LoginAccountMiddleware(RequestDelegate next)
{
    // Sign-in bodies are a few hundred bytes; a larger one is not worth parsing here.
    private const int MaxBodyBytes = 8 * 1024;
    private const string ItemKey = "Gateway.LoginAccount";

    public async Task InvokeAsync(HttpContext context)
    {
        if (IsLoginRoute(context) && context.Request.ContentLength is not 0)
        {
            if (context.Request.ContentLength > MaxBodyBytes)
            {
                throw TooLarge();
            }

            var account = await ReadAccountAsync(context.Request, context.RequestAborted);
            if (account is not null)
            {
                context.Items[ItemKey] = account;
            }
        }

        await next(context);
    }

    public static string? Get(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var value) ? value as string : null;

    private static bool IsLoginRoute(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == RateLimitingSetup.LoginPolicy;

    private static async Task<string?> ReadAccountAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var isJson = request.HasJsonContentType();
        var isForm = MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            && mediaType.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
        if (!isJson && !isForm)
        {
            return null;
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
        return Normalize(isJson ? EmailFromJson(body) : UsernameFromForm(body.Span));
    }

    private static string? EmailFromJson(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            // The service binds case-insensitively and the last duplicate wins: read it the same way.
            string? email = null;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name.Equals("email", StringComparison.OrdinalIgnoreCase))
                {
                    email = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                }
            }

            return email;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            // Valid JSON whose email (or a member name) is not text: an escaped unpaired surrogate such as
            // "\ud800". Left for the service, which refuses it (400) without checking any password.
            return null;
        }
    }

    private static string? UsernameFromForm(ReadOnlySpan<byte> body)
    {
        try
        {
            var form = new FormReader(Encoding.UTF8.GetString(body)).ReadForm();
            return form.TryGetValue("grant_type", out var grant) && grant == "password"
                && form.TryGetValue("username", out var username)
                ? username.ToString()
                : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private static BadHttpRequestException TooLarge() =>
        new("A sign-in request body is at most 8 KiB.", StatusCodes.Status413PayloadTooLarge);

    private static string? Normalize(string? account) =>
        string.IsNullOrWhiteSpace(account) ? null : account.Trim().ToLowerInvariant();
}
