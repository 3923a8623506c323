namespace Platform.Storage.Tests;

/// <summary>Known bytes behind a stream that hides its length and cannot seek, as a request body does.</summary>
internal sealed class NonSeekableStream(byte[] content) : ForwardOnlyStream
{
    private int _position;

    // Short reads on purpose: a store must not assume one read fills its buffer.
    public override int Read(Span<byte> buffer)
    {
        var count = Math.Min(Math.Min(buffer.Length, 7919), content.Length - _position);
        content.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }
}
