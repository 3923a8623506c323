namespace Identity.Tests.ServiceClients;

/// <summary>Counts the requests that pass through it (each attempt, after retries are decided).</summary>
internal sealed class CountingHandler(Action onSend) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        onSend();
        return base.SendAsync(request, cancellationToken);
    }
}
