namespace Platform.Storage;

/// <summary>What the store knows about a document it has just written; the caller keeps these with its own records.</summary>
/// <param name="Key">Generated key, <c>yyyy/MM/dd/&lt;32 hex digits&gt;</c>.</param>
/// <param name="SizeBytes">Bytes read from the content stream.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of exactly those bytes, computed while streaming.</param>
/// <param name="ContentType">As given by the caller; the store does not sniff content.</param>
public sealed record StoredDocument(string Key, long SizeBytes, string Sha256, string ContentType);
