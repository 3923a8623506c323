namespace Platform.Storage.Tests;

/// <summary>Passes reads through until a byte count, then fails like a client that went away mid-upload.</summary>
internal sealed class BrokenStream(Stream inner, long failAfterBytes) : ForwardOnlyStream
{
    private long _passed;

    public override int Read(Span<byte> buffer)
    {
        if (_passed >= failAfterBytes)
        {
            throw new IOException("The client closed the connection.");
        }

        var read = inner.Read(buffer[..(int)Math.Min(buffer.Length, failAfterBytes - _passed)]);
        _passed += read;
        return read;
    }
}
