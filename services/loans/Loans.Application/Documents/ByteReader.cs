namespace Loans.Application.Documents;

/// <summary>Reads a stream byte by byte through one buffer, for formats that are walked marker by marker.</summary>
internal sealed class ByteReader(Stream content)
{
    private readonly byte[] _buffer = new byte[UploadSpool.BufferSize];
    private int _offset;
    private int _count;
    private long _bufferStart = content.Position;

    public long Position => _bufferStart + _offset;

    /// <summary>The next byte, or -1 at the end of the stream.</summary>
    public int ReadByte()
    {
        if (_offset == _count && !Fill())
        {
            return -1;
        }

        return _buffer[_offset++];
    }

    /// <summary>Moves forward <paramref name="count"/> bytes; false when the stream ends first.</summary>
    public bool Skip(long count)
    {
        var target = Position + count;
        if (target > content.Length)
        {
            return false;
        }

        if (target <= _bufferStart + _count)
        {
            _offset = (int)(target - _bufferStart);
            return true;
        }

        content.Position = target;
        _bufferStart = target;
        _offset = _count = 0;
        return true;
    }

    /// <summary>Moves to the next occurrence of <paramref name="value"/> (not consuming it); false when there is none.</summary>
    public bool SkipTo(byte value)
    {
        while (true)
        {
            var found = _buffer.AsSpan(_offset, _count - _offset).IndexOf(value);
            if (found >= 0)
            {
                _offset += found;
                return true;
            }

            _offset = _count;
            if (!Fill())
            {
                return false;
            }
        }
    }

    private bool Fill()
    {
        _bufferStart += _count;
        _offset = 0;
        content.Position = _bufferStart;
        _count = content.Read(_buffer);
        return _count > 0;
    }
}
