namespace LingHuo.Silo;

/// <summary>Bound from <c>LingHuo:Management</c>: health, metrics and the dashboard, over plain HTTP for probes and scrapers.</summary>
public sealed class ManagementSettings
{
    /// <summary>HTTP port of /health/live, /health/ready, /metrics and /dashboard; 0 serves none of them.</summary>
    public int Port { get; set; }

    /// <summary>The Orleans Dashboard at /dashboard (every silo of a cluster must agree).</summary>
    public bool Dashboard { get; set; }
}
