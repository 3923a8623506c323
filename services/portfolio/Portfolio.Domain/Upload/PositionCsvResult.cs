namespace Portfolio.Domain.Upload;

/// <summary>The rows that were valid and every error found; a caller stores nothing unless it is valid.</summary>
public sealed record PositionCsvResult(IReadOnlyList<PositionRow> Rows, IReadOnlyList<RowError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
