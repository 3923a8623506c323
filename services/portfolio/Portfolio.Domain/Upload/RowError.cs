namespace Portfolio.Domain.Upload;

/// <summary>What is wrong with one field of a positions file, at its 1-based line (the header is line 1).</summary>
public sealed record RowError(int Line, string Field, string Message);
