using System.Net;
using System.Net.Http.Headers;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// Puts this service's own access token (for one scope) on every request of a service client. It
/// replaces any Authorization header already set: a call between services always acts as the
/// calling service, never with the token of the user whose request led to it.
/// </summary>
internal sealed class ServiceTokenHandler(ServiceTokenCache tokens, string scope) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var accessToken = await tokens.GetAsync(scope, cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            // The callee refused a token we still considered valid (revoked, or signed with a key it
            // no longer trusts): the next call fetches a new one instead of repeating the failure.
            tokens.Invalidate(scope, accessToken);
        }

        return response;
    }
}
