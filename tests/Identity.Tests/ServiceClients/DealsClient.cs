namespace Identity.Tests.ServiceClients;

/// <summary>A typed service client as a service would write one.</summary>
public sealed class DealsClient(HttpClient http)
{
    public HttpClient Http => http;

    public Task<HttpResponseMessage> GetAsync(string path, CancellationToken cancellationToken = default) => http.GetAsync(path, cancellationToken);
}
