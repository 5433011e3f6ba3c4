using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace LingHuo.Testing;

/// <summary>
/// Loopback ports for servers a test starts itself. They come from below the kernel's ephemeral range: a port the
/// kernel hands out (port 0) is free only until some outgoing connection of a test running in parallel (a database
/// connection) is given it, which happened between the pick and a silo's bind. Below that range only servers take
/// ports, so a port that binds now stays free until its server binds it.
/// </summary>
public static class FreePorts
{
    private const int Lowest = 20000;
    private static readonly int Highest = EphemeralLow() - 1;
    private static readonly HashSet<int> Given = [];

    /// <summary>A loopback port free at this moment that no other caller in this process was given.</summary>
    public static int Next()
    {
        lock (Given)
        {
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                var port = Random.Shared.Next(Lowest, Highest + 1);
                if (!Given.Contains(port) && Binds(port))
                {
                    Given.Add(port);
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"No free loopback port between {Lowest} and {Highest}.");
    }

    /// <summary>The same, as configuration text.</summary>
    public static string NextText() => Next().ToString(CultureInfo.InvariantCulture);

    private static bool Binds(int port)
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

    private static int EphemeralLow()
    {
        const string Range = "/proc/sys/net/ipv4/ip_local_port_range";
        var low = File.Exists(Range)
            ? int.Parse(File.ReadAllText(Range).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture)
            : 32768;
        if (low <= Lowest + 1000)
        {
            throw new InvalidOperationException($"The ephemeral port range starts at {low}; tests need ports {Lowest}..{low - 1} for their servers.");
        }

        return low;
    }
}
