namespace LingHuo.Silo;

/// <summary>Bound from <c>LingHuo:Cluster</c>.</summary>
public sealed class ClusterSettings
{
    public string ClusterId { get; set; } = "linghuo-local";

    public string ServiceId { get; set; } = "linghuo";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The address other silos and clients reach this silo at: an IP or a DNS name (a container's host name). Anything
    /// but loopback makes the silo listen on all interfaces.
    /// </summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Running in Kubernetes: the pod's IP, name and namespace come from the environment (Orleans' Kubernetes hosting).</summary>
    public bool Kubernetes { get; set; }
}
