namespace Platform.ServiceDefaults.Http;

/// <summary>This service could not obtain (or refused to use) its own access token for a call to another service.</summary>
public sealed class ServiceTokenException : Exception
{
    public ServiceTokenException()
    {
    }

    public ServiceTokenException(string message)
        : base(message)
    {
    }

    public ServiceTokenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
