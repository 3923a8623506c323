namespace Portfolio.Domain.Upload;

/// <summary>
/// Hands out one string per distinct value. Tickers, tags, strategies and currencies repeat over thousands
/// of rows, and a parsed file stays in memory until it is stored, so sharing them saves both the copies and
/// the garbage collector's work of promoting them.
/// </summary>
internal sealed class TextPool
{
    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public TextPool() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<char> text)
    {
        if (!_lookup.TryGetValue(text, out var pooled))
        {
            pooled = text.ToString();
            _strings.Add(pooled);
        }

        return pooled;
    }
}
