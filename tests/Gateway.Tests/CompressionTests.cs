using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using static Gateway.Tests.HttpAssertions;

namespace Gateway.Tests;

public sealed class CompressionTests : SharedGatewayTests
{
    [TestCase("gzip")]
    [TestCase("br")]
    public async Task Get_ProxiedJson_IsCompressedWhenTheClientAcceptsIt(string encoding)
    {
        using var request = GatewayHarness.Request(HttpMethod.Get, "/api/v1/users/42", Gateway.Token());
        request.Headers.Add("Accept-Encoding", encoding);
        using var response = await Client.SendAsync(request);

        var echo = JsonSerializer.Deserialize<EchoedRequest>(await DecompressAsync(response, encoding), EchoedRequest.JsonOptions);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(SingleHeader(response, "Content-Encoding"), Is.EqualTo(encoding));
            Assert.That(SingleHeader(response, "Vary"), Does.Contain("Accept-Encoding"));
            Assert.That(echo?.Path, Is.EqualTo("/api/v1/users/42"));
        }
    }

    [Test]
    public async Task Get_ProxiedJson_IsNotCompressedWhenTheClientDoesNotAskForIt()
    {
        using var response = await Client.SendAsync(GatewayHarness.Request(HttpMethod.Get, "/api/v1/users/42", Gateway.Token()));

        var echo = await ReadEchoAsync(response);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(SingleHeader(response, "Content-Encoding"), Is.Null);
            Assert.That(echo.Path, Is.EqualTo("/api/v1/users/42"));
        }
    }

    [Test]
    public async Task Get_ProblemDetails_AreCompressedToo()
    {
        using var request = GatewayHarness.Request(HttpMethod.Get, "/api/v1/users/42");
        request.Headers.Add("Accept-Encoding", "gzip");
        using var response = await Client.SendAsync(request);

        var problem = JsonDocument.Parse(await DecompressAsync(response, "gzip"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(problem.RootElement.GetProperty("errorCode").GetString(), Is.EqualTo("auth.unauthenticated"));
        }
    }

    [Test]
    public async Task Get_EventStream_IsNeitherCompressedNorHeldBack()
    {
        using var request = GatewayHarness.Request(HttpMethod.Get, "/api/v1/alerts" + EchoBackend.StreamPathSuffix, Gateway.Token());
        request.Headers.Add("Accept-Encoding", "gzip, br");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);

        // The backend keeps the stream open after its first event: it arrives only if nothing buffers it.
        await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
        var buffer = new byte[Encoding.UTF8.GetByteCount(EchoBackend.FirstEvent)];
        await body.ReadExactlyAsync(buffer, timeout.Token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
            Assert.That(SingleHeader(response, "Content-Encoding"), Is.Null);
            Assert.That(Encoding.UTF8.GetString(buffer), Is.EqualTo(EchoBackend.FirstEvent));
        }
    }

    private static async Task<string> DecompressAsync(HttpResponseMessage response, string encoding)
    {
        await using var compressed = await response.Content.ReadAsStreamAsync();
        await using Stream decompressed = encoding == "br"
            ? new BrotliStream(compressed, CompressionMode.Decompress)
            : new GZipStream(compressed, CompressionMode.Decompress);
        using var reader = new StreamReader(decompressed, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }
}
