using System.Net;
using System.Net.Sockets;

namespace Platform.Testing;

/// <summary>
/// A TCP relay between a test host and a real shared server (RabbitMQ, Redis). <see cref="Cut"/>
/// drops every connection and refuses new ones, which is what an outage looks like to a client,
/// without stopping the server that other test assemblies share; <see cref="Restore"/> lets
/// clients reconnect.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly IPEndPoint _server;
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;
    private CancellationTokenSource _stop = new();
    private volatile bool _stalled;

    private TcpProxy(IPEndPoint server, int port)
    {
        _server = server;
        Port = port;
    }

    public int Port { get; }

    public static TcpProxy Start(string host, int port)
    {
        var free = new TcpListener(IPAddress.Loopback, 0);
        free.Start();
        var proxyPort = ((IPEndPoint)free.LocalEndpoint).Port;
        free.Stop();
        var proxy = new TcpProxy(new IPEndPoint(IPAddress.Parse(host), port), proxyPort);
        proxy.Restore();
        return proxy;
    }

    public void Restore()
    {
        _stop = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _ = AcceptAsync(_listener, _stop.Token);
    }

    public void Cut()
    {
        _stop.Cancel();
        _listener?.Stop();
        lock (_open)
        {
            foreach (var client in _open)
            {
                client.Dispose();
            }

            _open.Clear();
        }
    }

    /// <summary>
    /// Keeps every connection open but forwards nothing until <see cref="Resume"/>: a server that
    /// stopped answering, which a client only notices by its own timeouts.
    /// </summary>
    public void Stall() => _stalled = true;

    public void Resume() => _stalled = false;

    public ValueTask DisposeAsync()
    {
        Cut();
        return ValueTask.CompletedTask;
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                return;
            }

            var outbound = new TcpClient();
            try
            {
                await outbound.ConnectAsync(_server, cancellationToken);
            }
            catch (Exception)
            {
                inbound.Dispose();
                outbound.Dispose();
                continue;
            }

            lock (_open)
            {
                _open.Add(inbound);
                _open.Add(outbound);
            }

            _ = PumpAsync(inbound, outbound, cancellationToken);
            _ = PumpAsync(outbound, inbound, cancellationToken);
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to, CancellationToken cancellationToken)
    {
        try
        {
            var input = from.GetStream();
            var output = to.GetStream();
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await input.ReadAsync(buffer, cancellationToken)) > 0)
            {
                while (_stalled)
                {
                    await Task.Delay(10, cancellationToken);
                }

                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        catch (Exception)
        {
            // Either side went away (or we cut it): close both.
        }

        from.Dispose();
        to.Dispose();
    }
}
