namespace LingHuo.Silo;

/// <summary>Bound from <c>LingHuo:Gateway</c>: the gRPC endpoint co-hosted in the silo.</summary>
public sealed class GatewaySettings
{
    public bool Enabled { get; set; } = true;

    /// <summary>Port for gRPC over HTTP/2 (0: any free port, printed at start).</summary>
    public int Port { get; set; } = 5080;

    /// <summary>The IP address gRPC and the management endpoint listen on (0.0.0.0 in a container).</summary>
    public string Address { get; set; } = "127.0.0.1";
}
