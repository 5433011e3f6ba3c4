namespace LingHuo.Silo;

/// <summary>Bound from <c>LingHuo:Gateway</c>: the gRPC endpoint co-hosted in the silo.</summary>
public sealed class GatewaySettings
{
    public bool Enabled { get; set; } = true;

    /// <summary>Port for gRPC over HTTP/2 (0: any free port, printed at start).</summary>
    public int Port { get; set; } = 5080;

    /// <summary>
    /// Port for the same services as JSON over HTTP/1.1 (REST routes), gRPC-Web and the OpenAPI document, beside the
    /// HTTP/2 port (0: off).
    /// </summary>
    public int WebPort { get; set; }

    /// <summary>Origins of the portals' pages allowed to call from a browser (CORS); none by default.</summary>
    public List<string> CorsOrigins { get; set; } = [];

    /// <summary>The IP address gRPC and the management endpoint listen on (0.0.0.0 in a container).</summary>
    public string Address { get; set; } = "127.0.0.1";
}
