using System.Net;
using System.Text;
using Deals.Application.Review;
using Deals.Application.Tickers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Deals.Tests.Tickers;

/// <summary>How the client reads marketdata's answers, at the unit level: a handler plays each answer.</summary>
public sealed class MarketDataClientTests
{
    private sealed class Answer(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer) : HttpMessageHandler
    {
        public HttpRequestMessage? Request { get; private set; }

        public string? Body { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Request = request;
            Body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            return await answer(request, cancellationToken);
        }
    }

    private static MarketDataClient Client(HttpMessageHandler handler, Uri? baseAddress = null, TimeSpan? timeout = null) =>
        new(new HttpClient(handler) { BaseAddress = baseAddress ?? new Uri("http://marketdata.test/"), Timeout = timeout ?? TimeSpan.FromSeconds(5) },
            DealsService.Factory.Services.GetRequiredService<DealsMetrics>(), NullLogger<MarketDataClient>.Instance);

    private static Answer Status(HttpStatusCode status, string? problem = null) => new((_, _) => Task.FromResult(new HttpResponseMessage(status)
    {
        Content = problem is null ? new StringContent("") : new StringContent(problem, Encoding.UTF8, "application/problem+json"),
    }));

    [TestCase(HttpStatusCode.Created)]
    [TestCase(HttpStatusCode.OK)]
    public async Task Track_WhenMarketdataTracksTheSymbol_IsKnown(HttpStatusCode status)
    {
        var answer = Status(status);

        Assert.That(await Client(answer).TrackAsync("AAPL", CancellationToken.None), Is.EqualTo(TickerLookup.Known));
        Assert.That(answer.Request!.Method, Is.EqualTo(HttpMethod.Post));
        Assert.That(answer.Request.RequestUri, Is.EqualTo(new Uri("http://marketdata.test/api/v1/assets")));
        Assert.That(answer.Body, Is.EqualTo("""{"symbol":"AAPL"}"""));
    }

    [TestCase("""{"status":404,"errorCode":"marketdata.unknown_symbol"}""")]
    [TestCase("""{"status":404,"code":"marketdata.unknown_symbol"}""")]
    [TestCase("""{"status":404,"type":"urn:platform:error:marketdata.unknown_symbol"}""")]
    public async Task Track_When404UnknownSymbol_IsUnknown(string problem) =>
        Assert.That(await Client(Status(HttpStatusCode.NotFound, problem)).TrackAsync("ZZZZ", CancellationToken.None), Is.EqualTo(TickerLookup.Unknown));

    [TestCase(HttpStatusCode.NotFound, null)]
    [TestCase(HttpStatusCode.NotFound, """{"status":404,"errorCode":"resource.not_found"}""")]
    [TestCase(HttpStatusCode.BadRequest, """{"status":400,"errorCode":"validation_failed"}""")]
    [TestCase(HttpStatusCode.Unauthorized, null)]
    [TestCase(HttpStatusCode.Forbidden, null)]
    [TestCase(HttpStatusCode.InternalServerError, null)]
    [TestCase(HttpStatusCode.ServiceUnavailable, """{"status":503,"errorCode":"marketdata.provider_unavailable"}""")]
    public async Task Track_WhenTheAnswerIsNotAboutTheSymbol_IsUnavailable(HttpStatusCode status, string? problem) =>
        Assert.That(await Client(Status(status, problem)).TrackAsync("AAPL", CancellationToken.None), Is.EqualTo(TickerLookup.Unavailable));

    [Test]
    public async Task Track_WhenTheBodyIsNotJson_IsUnavailable() =>
        Assert.That(await Client(Status(HttpStatusCode.NotFound, "<html>")).TrackAsync("AAPL", CancellationToken.None), Is.EqualTo(TickerLookup.Unavailable));

    [Test]
    public async Task Track_WhenTheConnectionIsRefused_IsUnavailable() =>
        Assert.That(await Client(new SocketsHttpHandler(), ClosedPort.Url()).TrackAsync("AAPL", CancellationToken.None), Is.EqualTo(TickerLookup.Unavailable));

    [Test]
    public async Task Track_WhenTheCallTimesOut_IsUnavailable()
    {
        var slow = new Answer(async (_, token) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), token);
            return new HttpResponseMessage(HttpStatusCode.OK);
        });

        Assert.That(await Client(slow, timeout: TimeSpan.FromMilliseconds(100)).TrackAsync("AAPL", CancellationToken.None), Is.EqualTo(TickerLookup.Unavailable));
    }

    [Test]
    public void Track_WhenTheCallerCancels_Throws()
    {
        var slow = new Answer(async (_, token) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), token);
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        using var cancelled = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        Assert.That(async () => await Client(slow).TrackAsync("AAPL", cancelled.Token), Throws.InstanceOf<OperationCanceledException>());
    }
}
