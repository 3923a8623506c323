using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Transforms;

namespace Gateway;

/// <summary>
/// A proxied chunked response reaches the client in one send when the upstream delivered it at once, and is
/// complete as soon as its body is copied.
/// <para>
/// Why: with the gateway's inline I/O scheduling (<see cref="GatewayRuntime"/>) Kestrel sends every body write
/// at once, and the final chunk of a chunked response only when the whole middleware pipeline has unwound:
/// a small JSON answer (the services' usual one) cost two sends, two client wake-ups, and the client waited
/// for the access log, rate limiter and metrics of the request before its response was whole
/// (docs/benchmarks.md, "The floor under the gateway").
/// </para>
/// <para>
/// How: body writes of a response without Content-Length are held in Kestrel's output pipe, unflushed, for as
/// long as the upstream has more data ready. They are flushed before the proxy waits for the upstream (so a
/// stream such as server-sent events is never held back), whenever <see cref="MaxHeldBytes"/> gather (so a
/// large download keeps its back-pressure), and at completion, which the proxy pipeline makes right after a
/// successful copy. Responses with a Content-Length already go out in one send and are left alone.
/// </para>
/// </summary>
public static class HeldResponses
{
    /// <summary>Held body bytes that are flushed whatever the upstream does next.</summary>
    public const int MaxHeldBytes = 64 * 1024;

    /// <summary>Every route's response: chunked bodies are held as described above (a response transform, after the headers are copied).</summary>
    public static IReverseProxyBuilder AddHeldResponses(this IReverseProxyBuilder proxy) =>
        proxy.AddTransforms(builder => builder.AddResponseTransform(HoldBody));

    /// <summary>The first step of the proxy pipeline: completes a proxied response whose copy succeeded, and restores the body feature.</summary>
    public static async Task CompleteProxiedResponse(HttpContext context, Func<Task> next)
    {
        try
        {
            await next();
        }
        finally
        {
            if (context.Features.Get<HeldBodyStream>() is { } held)
            {
                context.Features.Set(held.Inner);
                context.Features.Set<HeldBodyStream>(null);
            }
        }

        // Nothing the outer middleware does can change a response already started; completing it now sends what is
        // held with the final chunk, before they unwind. A failed copy is left to YARP's error handling.
        if (context.Response.HasStarted && context.Features.Get<IForwarderErrorFeature>() is null)
        {
            await context.Response.CompleteAsync();
        }
    }

    private static ValueTask HoldBody(ResponseTransformContext transform)
    {
        var context = transform.HttpContext;
        if (transform.ProxyResponse is { Content: { } content } upstream
            && context.Response.ContentLength is null
            && !HttpMethods.IsHead(context.Request.Method)
            && upstream.StatusCode is not (HttpStatusCode.NoContent or HttpStatusCode.NotModified)
            && context.Features.Get<IHttpResponseBodyFeature>() is { } inner)
        {
            var held = new HeldBodyStream(inner);
            context.Features.Set<IHttpResponseBodyFeature>(held);
            context.Features.Set(held);
            // YARP reads the body from this content after the transforms ran.
            upstream.Content = new FlushBeforeWaitContent(content, held);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The response body feature while a body is held: writes go to the pipe unflushed, up to <see cref="MaxHeldBytes"/>.</summary>
    public sealed class HeldBodyStream(IHttpResponseBodyFeature inner) : Stream, IHttpResponseBodyFeature
    {
        private int _held;

        public IHttpResponseBodyFeature Inner => inner;

        Stream IHttpResponseBodyFeature.Stream => this;

        public PipeWriter Writer => inner.Writer;

        public void DisableBuffering() => inner.DisableBuffering();

        public Task StartAsync(CancellationToken cancellationToken = default) => inner.StartAsync(cancellationToken);

        public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
            inner.SendFileAsync(path, offset, count, cancellationToken);

        public async Task CompleteAsync()
        {
            await FlushAsync();
            await inner.CompleteAsync();
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            inner.Writer.Write(buffer.Span);
            _held += buffer.Length;
            if (_held >= MaxHeldBytes)
            {
                await FlushAsync(cancellationToken);
            }
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override async Task FlushAsync(CancellationToken cancellationToken)
        {
            if (_held > 0)
            {
                _held = 0;
                await inner.Writer.FlushAsync(cancellationToken);
            }
        }

        public override void Flush() => FlushAsync().GetAwaiter().GetResult();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }

    /// <summary>The upstream body, flushing what is held for the client before any read that has to wait.</summary>
    private sealed class FlushBeforeWaitContent(HttpContent upstream, HeldBodyStream held) : HttpContent
    {
        protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
            new FlushBeforeWaitStream(await upstream.ReadAsStreamAsync(cancellationToken), held);

        protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => upstream.CopyToAsync(stream, context);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                upstream.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    private sealed class FlushBeforeWaitStream(Stream upstream, HeldBodyStream held) : Stream
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = upstream.ReadAsync(buffer, cancellationToken);
            if (!read.IsCompleted)
            {
                await held.FlushAsync(cancellationToken);
            }

            return await read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count)
        {
            held.Flush();
            return upstream.Read(buffer, offset, count);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                upstream.Dispose();
            }

            base.Dispose(disposing);
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
