namespace Loans.Application.Documents;

/// <summary>
/// Finds the PDF names that make a document do something when opened (run JavaScript, launch a
/// program, carry files or Flash or XML forms), fed the file in chunks. Names are tokenised the way a
/// PDF reader does: they end at a delimiter (so /JSomething is not /JS) and <c>#xx</c> escapes are
/// decoded first (so /J#61vaScript is /JavaScript, a common way to slip past a plain byte search).
/// </summary>
/// <remarks>
/// /JS alone is ignored inside stream data: compressed bytes spell "/JS" and a delimiter about once in
/// 13 MB, and a JavaScript action always names /JavaScript too. The other names are looked for
/// everywhere, streams included, because a cross-reference table can point an object into what looks
/// like stream data. Not covered: names inside compressed object streams, which need inflating.
/// </remarks>
internal sealed class PdfNameScanner
{
    private static readonly byte[][] ActiveNames =
        ["JavaScript"u8.ToArray(), "Launch"u8.ToArray(), "EmbeddedFile"u8.ToArray(), "RichMedia"u8.ToArray(), "XFA"u8.ToArray()];

    private static readonly byte[] Script = "JS"u8.ToArray();

    private static readonly byte[] EndStream = "endstream"u8.ToArray();

    // Longer names cannot be one of ours; only whether they overflowed matters.
    private const int MaxName = 12;

    private readonly byte[] _name = new byte[MaxName];
    private int _nameLength;
    private bool _nameOverflow;
    private State _state;
    private byte _firstHexDigit;

    // The bare word being read, to see the "stream" keyword; and how much of "endstream" matched inside a stream.
    private readonly byte[] _word = new byte[6];
    private int _wordLength;
    private bool _inStream;
    private int _endStreamMatched;

    private enum State
    {
        Between,
        Name,
        NameHexFirst,
        NameHexSecond,
    }

    /// <summary>True once an active name has been seen.</summary>
    public bool Feed(ReadOnlySpan<byte> data)
    {
        for (var i = 0; i < data.Length; i++)
        {
            if (_inStream && _state == State.Between && _endStreamMatched == 0)
            {
                // Most of a PDF is stream data; between names only '/' (a name) and 'e' (endstream) matter
                // there, so the rest is skipped with a vectorised search instead of byte by byte.
                var next = data[i..].IndexOfAny((byte)'/', (byte)'e');
                if (next < 0)
                {
                    return false;
                }

                i += next;
            }

            var b = data[i];
            if (_inStream)
            {
                MatchEndStream(b);
            }

            if (Step(b))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the file ends on an active name.</summary>
    public bool Finish() => _state != State.Between && EndName();

    private bool Step(byte b)
    {
        switch (_state)
        {
            case State.Name when b == (byte)'#':
                _state = State.NameHexFirst;
                return false;
            case State.Name when IsRegular(b):
                Append(b);
                return false;
            case State.Name:
                return EndName() || Step(b);
            case State.NameHexFirst when HexValue(b) >= 0:
                _firstHexDigit = b;
                _state = State.NameHexSecond;
                return false;
            case State.NameHexFirst:
                // Not an escape after all: the '#' is part of the name as written.
                Append((byte)'#');
                _state = State.Name;
                return Step(b);
            case State.NameHexSecond when HexValue(b) >= 0:
                Append((byte)((HexValue(_firstHexDigit) << 4) | HexValue(b)));
                _state = State.Name;
                return false;
            case State.NameHexSecond:
                Append((byte)'#');
                Append(_firstHexDigit);
                _state = State.Name;
                return Step(b);
            default:
                StepBetween(b);
                return false;
        }
    }

    private void StepBetween(byte b)
    {
        if (IsRegular(b))
        {
            if (_wordLength < _word.Length + 1)
            {
                if (_wordLength < _word.Length)
                {
                    _word[_wordLength] = b;
                }

                _wordLength++;
            }

            return;
        }

        if (!_inStream && b is (byte)'\r' or (byte)'\n' && _wordLength == _word.Length && _word.AsSpan().SequenceEqual("stream"u8))
        {
            _inStream = true;
            _endStreamMatched = 0;
        }

        _wordLength = 0;
        if (b == (byte)'/')
        {
            _state = State.Name;
            _nameLength = 0;
            _nameOverflow = false;
        }
    }

    private void Append(byte b)
    {
        if (_nameLength == MaxName)
        {
            _nameOverflow = true;
            return;
        }

        _name[_nameLength++] = b;
    }

    private bool EndName()
    {
        _state = State.Between;
        if (_nameOverflow)
        {
            return false;
        }

        var name = _name.AsSpan(0, _nameLength);
        if (!_inStream && name.SequenceEqual(Script))
        {
            return true;
        }

        foreach (var active in ActiveNames)
        {
            if (name.SequenceEqual(active))
            {
                return true;
            }
        }

        return false;
    }

    // Knuth-Morris-Pratt on a pattern whose only repeated prefix is its first letter ("endstr|e|am").
    private void MatchEndStream(byte b)
    {
        while (true)
        {
            if (b == EndStream[_endStreamMatched])
            {
                if (++_endStreamMatched == EndStream.Length)
                {
                    // The bare word is "endstream", whatever bytes the skipping above did not track.
                    _inStream = false;
                    _endStreamMatched = 0;
                    _wordLength = _word.Length + 1;
                }

                return;
            }

            if (_endStreamMatched == 0)
            {
                return;
            }

            _endStreamMatched = _endStreamMatched == 7 ? 1 : 0;
        }
    }

    // PDF white-space characters and delimiters end tokens; every other byte is a regular character.
    private static bool IsRegular(byte b) =>
        b is not (0 or 9 or 10 or 12 or 13 or 32
            or (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%');

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
