using System.Runtime.CompilerServices;

namespace Portfolio.Domain.Upload;

/// <summary>
/// Reads RFC 4180 records one at a time with bounded memory: a record longer than the limit is skipped to
/// the next newline and reported, so a file without newlines cannot make the reader buffer all of it.
/// </summary>
internal sealed class CsvRecordReader(TextReader reader, int maxRecordLength)
{
    private const int InputBufferSize = 16 * 1024;

    private readonly char[] _input = new char[InputBufferSize];
    private readonly char[] _record = new char[maxRecordLength];
    private readonly int[] _fieldEnds = new int[maxRecordLength + 1];
    private int _inputPosition;
    private int _inputLength;
    private bool _endOfInput;

    private State _state;
    private int _recordLength;
    private int _rawLength;
    private int _nextLine = 1;

    private enum State
    {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
        SkippingToNewline,
    }

    /// <summary>The 1-based line on which the current record starts.</summary>
    public int Line { get; private set; }

    public int FieldCount { get; private set; }

    /// <summary>Why the current record could not be split into fields; null when it could.</summary>
    public string? Problem { get; private set; }

    public ReadOnlySpan<char> this[int field]
    {
        get
        {
            var start = field == 0 ? 0 : _fieldEnds[field - 1];
            return _record.AsSpan(start, _fieldEnds[field] - start);
        }
    }

    /// <summary>Moves to the next record that is not an empty line; false at the end of the input.</summary>
    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        StartRecord();
        while (true)
        {
            if (_inputPosition == _inputLength)
            {
                if (!_endOfInput)
                {
                    _inputLength = await reader.ReadAsync(_input.AsMemory(), cancellationToken);
                    _inputPosition = 0;
                    _endOfInput = _inputLength == 0;
                    continue;
                }

                if (_rawLength == 0)
                {
                    return false;
                }

                if (_state is State.Quoted)
                {
                    Problem ??= "a quoted field is not closed before the end of the file";
                }

                EndRecord();
                return !IsEmptyLine();
            }

            if (Consume())
            {
                if (!IsEmptyLine())
                {
                    return true;
                }

                StartRecord();
            }
        }
    }

    private void StartRecord()
    {
        _state = State.FieldStart;
        _recordLength = 0;
        _rawLength = 0;
        FieldCount = 0;
        Problem = null;
        Line = _nextLine;
    }

    private bool IsEmptyLine() => Problem is null && FieldCount == 1 && _fieldEnds[0] == 0;

    /// <summary>Consumes buffered input up to the end of a record; true when one is complete.</summary>
    /// <remarks>Compiled fully optimised at once: it runs for every character, and an upload is often the first call.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Consume()
    {
        while (_inputPosition < _inputLength)
        {
            var c = _input[_inputPosition++];
            if (c == '\n')
            {
                _nextLine++;
            }

            if (_state != State.SkippingToNewline && ++_rawLength > _record.Length)
            {
                Fail($"the line is longer than {_record.Length} characters");
            }

            switch (_state)
            {
                case State.SkippingToNewline:
                    if (c == '\n')
                    {
                        EndRecord();
                        return true;
                    }

                    break;
                case State.Quoted:
                    if (c == '"')
                    {
                        _state = State.QuoteInQuoted;
                    }
                    else
                    {
                        _record[_recordLength++] = c;
                    }

                    break;
                case State.QuoteInQuoted when c == '"':
                    _record[_recordLength++] = c;
                    _state = State.Quoted;
                    break;
                case State.QuoteInQuoted when c == '\r':
                    break;
                case State.QuoteInQuoted when c != ',' && c != '\n':
                    Fail("a closing quote must be followed by a comma or the end of the line");
                    break;
                case State.FieldStart when c == '"':
                    _state = State.Quoted;
                    break;
                default:
                    if (c == ',')
                    {
                        EndField();
                    }
                    else if (c == '\n')
                    {
                        EndRecord();
                        return true;
                    }
                    else if (c == '"')
                    {
                        Fail("a field holding quotes must be enclosed in quotes, with the inner quotes doubled");
                    }
                    else
                    {
                        _record[_recordLength++] = c;
                        _state = State.Unquoted;
                    }

                    break;
            }
        }

        return false;
    }

    private void Fail(string problem)
    {
        Problem ??= problem;
        _state = State.SkippingToNewline;
    }

    private void EndField()
    {
        _fieldEnds[FieldCount++] = _recordLength;
        _state = State.FieldStart;
    }

    private void EndRecord()
    {
        if (Problem is null)
        {
            // A CRLF line ending leaves its CR at the end of the last unquoted field.
            if (_state == State.Unquoted && _record[_recordLength - 1] == '\r')
            {
                _recordLength--;
            }

            EndField();
        }
    }
}
