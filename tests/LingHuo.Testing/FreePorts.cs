using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace LingHuo.Testing;

public static class FreePorts
{
    /// <summary>A loopback port free at this moment.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The same, as configuration text.</summary>
    public static string NextText() => Next().ToString(CultureInfo.InvariantCulture);
}
