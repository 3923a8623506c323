namespace Platform.SharedKernel;

/// <summary>Who is making the current request, as the access token says.</summary>
public interface ICurrentUser
{
    bool IsAuthenticated { get; }

    /// <summary>The token's <c>sub</c>: a user id, or a client id for client-credentials tokens.</summary>
    string? Subject { get; }

    Guid? UserId { get; }

    bool IsInRole(string role);

    /// <summary>The request's correlation id (X-Request-ID), for audit rows.</summary>
    string? RequestId { get; }
}
