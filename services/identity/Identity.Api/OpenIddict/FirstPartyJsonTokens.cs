using Microsoft.AspNetCore;
using System.Text.Json;
using Identity.Application;
using Identity.Infrastructure.OpenIddict;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using Platform.ServiceDefaults.Errors;
using Platform.SharedKernel;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Identity.Api.OpenIddict;

/// <summary>
/// <c>POST /api/v1/auth/login</c> and <c>/refresh</c> are OpenIddict token requests of the first-party
/// client in the platform's JSON shape: JSON in (camelCase), JSON or problem+json out. OpenIddict does
/// all the work (validation, rotation, reuse detection, storage); these handlers only translate the
/// request before it and the response after it.
/// </summary>
internal static class FirstPartyJsonTokens
{
    public sealed record LoginRequest(string Email, string Password);

    public sealed record RefreshRequest(string RefreshToken);

    public sealed record TokenResponse(
        string AccessToken, string TokenType, int ExpiresIn, string Scope, string? RefreshToken, DateTimeOffset? RefreshTokenExpiresAt);

    private const string JsonShape = "platform:json-token-shape";
    private const string Refusal = "platform:json-token-refusal";

    public static bool IsJsonPath(PathString path) =>
        path.Equals(OpenIddictSetup.Paths.JsonLogin, StringComparison.OrdinalIgnoreCase) ||
        path.Equals(OpenIddictSetup.Paths.JsonRefresh, StringComparison.OrdinalIgnoreCase);

    public static OpenIddictServerBuilder AddFirstPartyJsonTokens(this OpenIddictServerBuilder server) => server
        .RemoveEventHandler(OpenIddictServerAspNetCoreHandlers.ExtractPostRequest<ExtractTokenRequestContext>.Descriptor)
        .AddEventHandler(ReadRequest.Descriptor)
        .AddEventHandler(WriteResponse.Descriptor);

    /// <summary>Reads the JSON body on the two JSON paths; every other token request is a form, read as OpenIddict reads it.</summary>
    public sealed class ReadRequest(IOptions<IdentityServiceOptions> options) : IOpenIddictServerHandler<ExtractTokenRequestContext>
    {
        private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
        private readonly OpenIddictServerAspNetCoreHandlers.ExtractPostRequest<ExtractTokenRequestContext> _form = new();

        public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ExtractTokenRequestContext>()
            .AddFilter<OpenIddictServerAspNetCoreHandlerFilters.RequireHttpRequest>()
            .UseSingletonHandler<ReadRequest>()
            .SetOrder(OpenIddictServerAspNetCoreHandlers.ExtractPostRequest<ExtractTokenRequestContext>.Descriptor.Order)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

        public async ValueTask HandleAsync(ExtractTokenRequestContext context)
        {
            var http = context.Transaction.GetHttpRequest()!;
            if (!IsJsonPath(http.Path))
            {
                try
                {
                    await _form.HandleAsync(context);
                }
                catch (InvalidDataException)
                {
                    // A value that does not decode to text (NUL, invalid UTF-8), or too many of them.
                    context.Reject(Errors.InvalidRequest, "The form body could not be read: values must be UTF-8 text without NUL.");
                }

                return;
            }

            context.Transaction.Properties[JsonShape] = true;
            var clientId = options.Value.Clients.FirstOrDefault(c => c.FirstParty)?.ClientId;
            if (!HttpMethods.IsPost(http.Method) || !http.HasJsonContentType() || clientId is null)
            {
                context.Reject(Errors.InvalidRequest, "Send a JSON body with POST.");
                return;
            }

            try
            {
                context.Transaction.Request = http.Path.Equals(OpenIddictSetup.Paths.JsonLogin, StringComparison.OrdinalIgnoreCase)
                    ? await JsonSerializer.DeserializeAsync<LoginRequest>(http.Body, Json, context.CancellationToken) is { Email: { } email, Password: { } password }
                        ? new OpenIddictRequest { GrantType = GrantTypes.Password, Username = email, Password = password, ClientId = clientId }
                        : null
                    : await JsonSerializer.DeserializeAsync<RefreshRequest>(http.Body, Json, context.CancellationToken) is { RefreshToken: { } refreshToken }
                        ? new OpenIddictRequest { GrantType = GrantTypes.RefreshToken, RefreshToken = refreshToken, ClientId = clientId }
                        : null;
            }
            catch (JsonException)
            {
                context.Transaction.Request = null;
            }

            if (context.Transaction.Request is null)
            {
                context.Reject(Errors.InvalidRequest, "The body must be a JSON object with every required member, each a string.");
                return;
            }

            // The shared text rule, as JsonBodyTextMiddleware applies it to every other JSON body (this one is read earlier).
            var request = context.Transaction.Request;
            var refused = new Dictionary<string, string[]>();
            foreach (var (field, value) in new[] { ("$.email", request.Username), ("$.password", request.Password), ("$.refreshToken", request.RefreshToken) })
            {
                if (value is not null && ClientText.Problem(value, multiLine: false) is { } problem)
                {
                    refused[field] = [problem];
                }
            }

            if (refused.Count > 0)
            {
                context.Transaction.Properties[Refusal] = new Error(
                    "request.invalid_characters", "The request contains characters that are not allowed.", ErrorKind.Validation) { FieldErrors = refused };
                context.Reject(Errors.InvalidRequest, "The request contains characters that are not allowed.");
            }
        }
    }

    /// <summary>Writes the response of the JSON paths: our token shape on success, problem+json on an OpenIddict error.</summary>
    public sealed class WriteResponse(IOptions<IdentityServiceOptions> options, TimeProvider clock) : IOpenIddictServerHandler<ApplyTokenResponseContext>
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyTokenResponseContext>()
            .AddFilter<OpenIddictServerAspNetCoreHandlerFilters.RequireHttpRequest>()
            .UseSingletonHandler<WriteResponse>()
            .SetOrder(OpenIddictServerAspNetCoreHandlers.ProcessJsonResponse<ApplyTokenResponseContext>.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

        public async ValueTask HandleAsync(ApplyTokenResponseContext context)
        {
            if (!context.Transaction.Properties.ContainsKey(JsonShape))
            {
                return;
            }

            var http = context.Transaction.GetHttpRequest()!.HttpContext;
            var response = context.Response;
            IResult result = response.Error switch
            {
                not null when context.Transaction.Properties.TryGetValue(Refusal, out var refusal) && refusal is Error error => error.ToProblem(),
                null => TypedResults.Ok(new TokenResponse(
                    response.AccessToken!, "Bearer", (int)(response.ExpiresIn ?? 0), response.Scope ?? "", response.RefreshToken,
                    response.RefreshToken is null ? null : clock.GetUtcNow().AddDays(options.Value.RefreshTokenDays))),
                Errors.InvalidGrant => Error.Unauthorized("auth.invalid_refresh_token", "The refresh token is invalid, expired or revoked.").ToProblem(),
                Errors.InvalidClient or Errors.UnauthorizedClient => Error.Unauthorized("auth.invalid_client", "The first-party client is not configured for this.").ToProblem(),
                _ => Error.Validation(new Dictionary<string, string[]> { ["body"] = [response.ErrorDescription ?? "The request is invalid."] }).ToProblem(),
            };
            http.Response.Headers.WWWAuthenticate = default;
            await result.ExecuteAsync(http);
            context.HandleRequest();
        }
    }
}
