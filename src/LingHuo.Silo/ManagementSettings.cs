namespace LingHuo.Silo;

/// <summary>Bound from <c>LingHuo:Management</c>: health, metrics and the dashboard, over plain HTTP for probes and scrapers.</summary>
public sealed class ManagementSettings
{
    /// <summary>HTTP port of /health/live, /health/ready, /metrics and /dashboard; 0 serves none of them.</summary>
    public int Port { get; set; }

    /// <summary>
    /// The address the management port binds: loopback unless configured, so that probes and scrapes from elsewhere
    /// (a kubelet, Prometheus in another container) are an operator's decision (containers set 0.0.0.0).
    /// </summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>
    /// The Orleans Dashboard at /dashboard (every silo of a cluster must agree). It has no sign-in, so it is served only
    /// on a loopback management address (reach it through an SSH tunnel or <c>kubectl port-forward</c>); the silo refuses
    /// to start with it on any other.
    /// </summary>
    public bool Dashboard { get; set; }
}
