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
    /// The Orleans Dashboard at /dashboard (every silo of a cluster must agree), for operators only: an operator's token
    /// opens it (<see cref="DashboardGate"/>); its grain-state view is never served.
    /// </summary>
    public bool Dashboard { get; set; }
}
