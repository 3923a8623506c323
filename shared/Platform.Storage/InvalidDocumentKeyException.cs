namespace Platform.Storage;

/// <summary>A key that the store cannot have generated: a tampered or made-up value, never looked up.</summary>
public sealed class InvalidDocumentKeyException : ArgumentException
{
    public InvalidDocumentKeyException()
        : base("Not a document key.")
    {
    }

    public InvalidDocumentKeyException(string message)
        : base(message)
    {
    }

    public InvalidDocumentKeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
