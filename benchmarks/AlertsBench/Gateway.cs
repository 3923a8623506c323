using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace AlertsBench;

/// <summary>
/// A signed-in user of the platform, talking only to the gateways: with several (replicas sharing one
/// Redis and one identity), its requests take turns among them.
/// </summary>
internal sealed class GatewayUser(HttpClient[] gateways, string email)
{
    private int _turn = -1;

    public string Email => email;

    /// <summary>The next gateway's client, in turn.</summary>
    public HttpClient Http => gateways[(int)((uint)Interlocked.Increment(ref _turn) % (uint)gateways.Length)];

    public static async Task<GatewayUser> SignInAsync(IReadOnlyList<Uri> gateways, string email, string password)
    {
        var clients = gateways.Select(gateway => new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = gateway,
            Timeout = TimeSpan.FromSeconds(60),
        }).ToArray();
        // One token serves every gateway: they share the issuer and identity's signing keys.
        var login = await ReadAsync(await clients[0].PostAsJsonAsync("/api/v1/auth/login", new { email, password }));
        foreach (var client in clients)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("accessToken").GetString());
        }

        return new GatewayUser(clients, email);
    }

    public async Task<string> CreateDealAsync(string name)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/deals")
        {
            Content = JsonContent.Create(new { name, type = "acquisition", targetName = name, announcedOn = "2026-10-01", currency = "USD" }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return (await SendWithRetriesAsync(request)).GetProperty("id").GetString()!;
    }

    public async Task SubmitAsync(string dealId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/deals/{dealId}/submit");
        try
        {
            await SendWithRetriesAsync(request);
        }
        catch (RetryRefusedException refused)
        {
            // A replica killed after committing the submit but before answering (502) makes the retry
            // a 422 "not a draft": the first attempt took effect if the deal's status shows it.
            if (await DealStatusAsync(dealId) != "pendingReview")
            {
                throw new InvalidOperationException($"submit {dealId}: {refused.Message}", refused);
            }
        }
    }

    private async Task<string?> DealStatusAsync(string dealId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/deals/{dealId}");
        return (await SendWithRetriesAsync(request)).GetProperty("status").GetString();
    }

    public async Task CreateUserAsync(string newEmail, string password, string role) =>
        await ReadAsync(await Http.PostAsJsonAsync("/api/v1/users", new { email = newEmail, password, displayName = newEmail.Split('@')[0], roles = new[] { role } }));

    /// <summary>How many deal alerts (any status) this user has: one cheap request, for polling.</summary>
    public async Task<long> DealAlertTotalAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/alerts?status=all&category=deal&pageSize=1");
        return (await SendWithRetriesAsync(request)).GetProperty("totalCount").GetInt64();
    }

    /// <summary>Alert counts per deal id (category deal, any status) for the given deals.</summary>
    public async Task<Dictionary<string, int>> DealAlertCountsAsync(IReadOnlySet<string> dealIds)
    {
        var counts = new Dictionary<string, int>();
        for (var page = 1; ; page++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/alerts?status=all&category=deal&pageSize=200&page={page}");
            var list = await SendWithRetriesAsync(request);
            var items = list.GetProperty("items").EnumerateArray().ToList();
            foreach (var alert in items)
            {
                var subject = alert.GetProperty("subjectId").GetString()!;
                if (dealIds.Contains(subject) && alert.GetProperty("title").GetString()!.Contains("review", StringComparison.OrdinalIgnoreCase))
                {
                    counts[subject] = counts.GetValueOrDefault(subject) + 1;
                }
            }

            if (items.Count < 200)
            {
                return counts;
            }
        }
    }

    // A request the gateway or service refused for load or an outage (the alerts service is killed on
    // purpose) is retried with the same Idempotency-Key, as a careful client does; anything else fails the run.
    private async Task<JsonElement> SendWithRetriesAsync(HttpRequestMessage request)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Content = request.Content };
            foreach (var header in request.Headers)
            {
                copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            using var response = await Http.SendAsync(copy);
            if (response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway && attempt < 60)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
                continue;
            }

            if (attempt > 1 && response.StatusCode == HttpStatusCode.UnprocessableEntity)
            {
                throw new RetryRefusedException(await response.Content.ReadAsStringAsync());
            }

            return await ReadAsync(response);
        }
    }

    /// <summary>A retried request refused as no longer applicable: perhaps because an earlier attempt took effect.</summary>
    private sealed class RetryRefusedException(string body) : InvalidOperationException(body);

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {text}");
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
