using System.Text.Json;

namespace Alerts.Tests.Api;

/// <summary>One Server-Sent Events frame: the lines up to a blank line.</summary>
public sealed record SseFrame(IReadOnlyList<string> Lines)
{
    public string? Field(string name) =>
        Lines.FirstOrDefault(line => line.StartsWith(name + ": ", StringComparison.Ordinal)) is { } line ? line[(name.Length + 2)..] : null;

    public bool IsAlert => Field("event") == "alert";

    public long Id => long.Parse(Field("id")!, System.Globalization.CultureInfo.InvariantCulture);

    public JsonElement Data => JsonDocument.Parse(Field("data")!).RootElement.Clone();
}

/// <summary>A stream opened the way a browser's EventSource would, read frame by frame.</summary>
public sealed class SseClient : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseClient(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public HttpResponseMessage Response => _response;

    public static async Task<SseClient> OpenAsync(HttpClient client, string? lastEventId = null, string query = "")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/alerts/stream" + query);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null)
        {
            request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.That(response.IsSuccessStatusCode, Is.True, $"{(int)response.StatusCode}: {(response.IsSuccessStatusCode ? "" : await response.Content.ReadAsStringAsync())}");
        return new SseClient(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    /// <summary>The next frame, or null when the server ended the stream.</summary>
    public async Task<SseFrame?> ReadFrameAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        var lines = new List<string>();
        while (true)
        {
            string? line;
            try
            {
                line = await _reader.ReadLineAsync(cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"No complete frame within {timeout}; read so far: {string.Join(" | ", lines)}");
                return null;
            }

            if (line is null)
            {
                return lines.Count > 0 ? new SseFrame(lines) : null;
            }

            if (line.Length == 0)
            {
                if (lines.Count > 0)
                {
                    return new SseFrame(lines);
                }

                continue;
            }

            lines.Add(line);
        }
    }

    /// <summary>The next alert event, skipping heartbeats and other frames.</summary>
    public async Task<SseFrame> NextAlertAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TestSupport.EventTimeout);
        while (true)
        {
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                Assert.Fail("No alert event arrived in time.");
            }

            var frame = await ReadFrameAsync(remaining);
            if (frame is null)
            {
                Assert.Fail("The stream ended before an alert event arrived.");
            }

            if (frame!.IsAlert)
            {
                return frame;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        await Task.CompletedTask;
    }
}
