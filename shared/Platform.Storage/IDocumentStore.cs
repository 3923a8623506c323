namespace Platform.Storage;

/// <summary>
/// Stores opaque documents (uploads, generated reports) outside the database. The store chooses
/// every key, so nothing a user sends can name a path or object of its own choosing.
/// </summary>
public interface IDocumentStore
{
    /// <summary>
    /// Streams <paramref name="content"/> to the store under a new key. The content is read once,
    /// front to back, so a request body can be passed straight in without buffering it first.
    /// </summary>
    Task<StoredDocument> PutAsync(Stream content, string contentType, CancellationToken cancellationToken = default);

    /// <summary>The document's content, or null when no document has that key. The caller disposes the stream.</summary>
    /// <exception cref="InvalidDocumentKeyException">The key is not one the store could have generated.</exception>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Removes the document; removing one that is already gone is not an error, so retries are safe.</summary>
    /// <exception cref="InvalidDocumentKeyException">The key is not one the store could have generated.</exception>
    Task DeleteAsync(string key, CancellationToken cancellationToken = default);
}
