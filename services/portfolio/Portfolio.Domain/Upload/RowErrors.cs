namespace Portfolio.Domain.Upload;

/// <summary>
/// Collects errors up to a cap and then only counts them: a file broken on every line should produce a
/// readable answer, not a million-entry one.
/// </summary>
internal sealed class RowErrors(int max)
{
    private readonly List<RowError> _errors = [];
    private int _omitted;
    private int _firstOmittedLine;

    public int Total => _errors.Count + _omitted;

    public void Add(int line, string field, string message)
    {
        if (_errors.Count < max)
        {
            _errors.Add(new RowError(line, field, message));
            return;
        }

        if (_omitted++ == 0)
        {
            _firstOmittedLine = line;
        }
    }

    public IReadOnlyList<RowError> ToList()
    {
        if (_omitted > 0)
        {
            _errors.Add(new RowError(_firstOmittedLine, "file", $"and {_omitted} more errors from this line on"));
        }

        return _errors;
    }
}
