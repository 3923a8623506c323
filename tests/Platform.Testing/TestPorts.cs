using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Platform.Testing;

/// <summary>
/// Ports for servers a test starts as separate processes, some seconds after the port is chosen.
/// A port the kernel hands out for <c>bind(0)</c> lies in the ephemeral range, the same range it
/// draws source ports of outgoing connections from: in the seconds before the server binds it, any
/// connection on the machine (to PostgreSQL, RabbitMQ, Redis) can take it, and the server dies with
/// "address already in use" (seen in CI). These come from just below that range instead, where the
/// kernel never picks on its own, and are checked free when chosen.
/// </summary>
public static class TestPorts
{
    private const int Span = 10_000;
    private static readonly HashSet<int> Given = [];

    public static int Next()
    {
        var (low, high) = Range();
        lock (Given)
        {
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var port = Random.Shared.Next(low, high + 1);
                if (Given.Contains(port) || !IsFree(port))
                {
                    continue;
                }

                Given.Add(port);
                return port;
            }
        }

        throw new InvalidOperationException($"No free port between {low} and {high} after 200 tries.");
    }

    // Below the ephemeral range of this machine (32768-60999 on Linux by default), above the usual service ports.
    private static (int Low, int High) Range()
    {
        var ephemeralStart = 32_768;
        const string path = "/proc/sys/net/ipv4/ip_local_port_range";
        if (File.Exists(path) && File.ReadAllText(path).Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries) is [var first, ..]
            && int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var start) && start > 2 * 1024)
        {
            ephemeralStart = start;
        }

        var high = ephemeralStart - 1;
        return (Math.Max(1024, high - Span), high);
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
