using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Errors;
using Platform.SharedKernel;

namespace Platform.Persistence.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on a creating endpoint. The check, the endpoint's own writes and the saved
/// response share one transaction, so a key can never be recorded without its effect or the other way
/// round. A transaction-scoped advisory lock on the key tells a concurrent duplicate (409) from a retry
/// (replayed, with <c>Idempotent-Replayed: true</c>). Only successes are kept: a failed attempt may be retried.
/// </summary>
internal sealed class IdempotencyFilter<TDb> : IEndpointFilter
    where TDb : DbContext
{
    public const string HeaderName = "Idempotency-Key";
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Request.Headers.TryGetValue(HeaderName, out var values))
        {
            return await next(context);
        }

        var key = values.ToString();
        if (values.Count != 1 || key.Length is 0 or > IdempotencyModel.KeyMaxLength || key.Any(char.IsControl))
        {
            return Errors.InvalidKey.ToProblem();
        }

        var services = http.RequestServices;
        var db = services.GetRequiredService<TDb>();
        var clock = services.GetRequiredService<TimeProvider>();
        var scope = services.GetRequiredService<ICurrentUser>().Subject ?? "anonymous";
        var hash = RequestHash(context, services);

        await using var transaction = await db.Database.BeginTransactionAsync(http.RequestAborted);
        var lockId = scope + "\n" + key;
        var acquired = await db.Database
            .SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock(hashtextextended({lockId}, 0)) AS \"Value\"")
            .SingleAsync(http.RequestAborted);
        if (!acquired)
        {
            return Errors.InFlight.ToProblem();
        }

        var records = db.Set<IdempotencyRecord>();
        var now = clock.GetUtcNow();
        if (await records.FindAsync([scope, key], http.RequestAborted) is { } existing)
        {
            if (existing.CreatedAt > now - Retention)
            {
                return existing.RequestHash == hash ? new ReplayResult(existing) : Errors.KeyReused.ToProblem();
            }

            records.Remove(existing);
            await db.SaveChangesAsync(http.RequestAborted);
        }

        var result = await next(context);
        if (result is not IStatusCodeHttpResult { StatusCode: >= 200 and < 300 } success)
        {
            return result;
        }

        var jsonOptions = services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        records.Add(new IdempotencyRecord
        {
            Scope = scope,
            Key = key,
            RequestHash = hash,
            CreatedAt = now,
            StatusCode = success.StatusCode!.Value,
            Location = result.GetType().GetProperty("Location")?.GetValue(result) as string,
            ETag = http.Response.Headers.ETag.ToString() is { Length: > 0 } etag ? etag : null,
            ResponseBody = result is IValueHttpResult { Value: { } value } ? JsonSerializer.Serialize(value, value.GetType(), jsonOptions) : null,
        });
        await db.SaveChangesAsync(http.RequestAborted);
        await transaction.CommitAsync(http.RequestAborted);
        return result;
    }

    // The bound body (not the raw bytes): whitespace or property order does not make a retry "different".
    private static string RequestHash(EndpointFilterInvocationContext context, IServiceProvider services)
    {
        var http = context.HttpContext;
        var bodyType = http.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        var body = bodyType is null ? null : context.Arguments.FirstOrDefault(argument => argument?.GetType() == bodyType);
        var jsonOptions = services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var canonical = $"{http.Request.Method} {http.Request.Path}\n{(body is null ? string.Empty : JsonSerializer.Serialize(body, bodyType!, jsonOptions))}";
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private sealed class ReplayResult(IdempotencyRecord record) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = record.StatusCode;
            response.Headers["Idempotent-Replayed"] = "true";
            if (record.Location is not null)
            {
                response.Headers.Location = record.Location;
            }

            if (record.ETag is not null)
            {
                response.Headers.ETag = record.ETag;
            }

            if (record.ResponseBody is not null)
            {
                response.ContentType = "application/json; charset=utf-8";
                await response.WriteAsync(record.ResponseBody, httpContext.RequestAborted);
            }
        }
    }

    private static class Errors
    {
        public static readonly Error InvalidKey = Error.Validation(new Dictionary<string, string[]>
        {
            [HeaderName] = [$"Send one key of 1 to {IdempotencyModel.KeyMaxLength} printable characters."],
        });

        public static readonly Error InFlight = Error.Conflict("idempotency.in_flight",
            "A request with this Idempotency-Key is still being processed; retry after it completes.");

        public static readonly Error KeyReused = Error.Rule("idempotency.key_reused",
            "This Idempotency-Key was already used with a different request; use a new key for a new request.");
    }
}

public static class IdempotencyEndpoints
{
    /// <summary>Honours <c>Idempotency-Key</c> on this endpoint, with records kept in <typeparamref name="TDb"/>'s schema.</summary>
    public static RouteHandlerBuilder WithIdempotency<TDb>(this RouteHandlerBuilder endpoint)
        where TDb : DbContext =>
        endpoint.AddEndpointFilter(new IdempotencyFilter<TDb>());
}
