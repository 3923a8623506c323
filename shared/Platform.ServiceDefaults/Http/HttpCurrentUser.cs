using Microsoft.AspNetCore.Http;
using Platform.SharedKernel;

namespace Platform.ServiceDefaults.Http;

internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    public bool IsAuthenticated => accessor.HttpContext?.User.Identity?.IsAuthenticated == true;

    public string? Subject => IsAuthenticated ? accessor.HttpContext!.User.FindFirst("sub")?.Value : null;

    public Guid? UserId => Guid.TryParse(Subject, out var id) ? id : null;

    public bool IsInRole(string role) => accessor.HttpContext?.User.IsInRole(role) == true;

    public string? RequestId => accessor.HttpContext is { } context ? RequestIdMiddleware.Get(context) : null;
}
