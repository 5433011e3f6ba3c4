namespace LingHuo.Silo;

public enum StorageProvider
{
    PostgreSQL = 1,

    /// <summary>Everything in memory: for a quick look, never for real cases.</summary>
    Memory = 2,
}

/// <summary>Bound from <c>LingHuo:Storage</c>.</summary>
public sealed class StorageSettings
{
    public StorageProvider Provider { get; set; } = StorageProvider.PostgreSQL;

    public string ConnectionString { get; set; } = "";

    public bool MigrateOnStart { get; set; }
}

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

public enum HostRole
{
    /// <summary>A silo, co-hosting the gRPC gateway unless LingHuo:Gateway:Enabled is false.</summary>
    Silo = 1,

    /// <summary>The gRPC gateway alone, as an Orleans client of the silos it finds through the membership table.</summary>
    Gateway = 2,
}

/// <summary>Bound from <c>LingHuo:Gateway</c>: the gRPC endpoint co-hosted in the silo.</summary>
public sealed class GatewaySettings
{
    public bool Enabled { get; set; } = true;

    /// <summary>Port for gRPC over HTTP/2 (0: any free port, printed at start).</summary>
    public int Port { get; set; } = 5080;

    /// <summary>The IP address gRPC and the management endpoint listen on (0.0.0.0 in a container).</summary>
    public string Address { get; set; } = "127.0.0.1";
}

/// <summary>Bound from <c>LingHuo:Management</c>: health, metrics and the dashboard, over plain HTTP for probes and scrapers.</summary>
public sealed class ManagementSettings
{
    /// <summary>HTTP port of /health/live, /health/ready, /metrics and /dashboard; 0 serves none of them.</summary>
    public int Port { get; set; }

    /// <summary>The Orleans Dashboard at /dashboard (every silo of a cluster must agree).</summary>
    public bool Dashboard { get; set; }
}

/// <summary>
/// Every configuration section the host reads, and the type bound from it: the one list that deployment files
/// (compose, Kubernetes, the image) are checked against.
/// </summary>
public static class SettingsSections
{
    public const string Storage = "LingHuo:Storage";
    public const string Cluster = "LingHuo:Cluster";
    public const string Membership = "LingHuo:Cluster:Membership";
    public const string Reminders = "LingHuo:Cluster:Reminders";
    public const string Gateway = "LingHuo:Gateway";
    public const string Management = "LingHuo:Management";
    public const string Telemetry = "LingHuo:Telemetry";

    public const string Role = "LingHuo:Role";
    public const string ApplicantKeySecret = "LingHuo:Applicants:KeySecret";

    /// <summary>Single values rather than sections.</summary>
    public static readonly IReadOnlyList<string> Values = [Role, ApplicantKeySecret];

    public static readonly IReadOnlyDictionary<string, Type> Bound = new Dictionary<string, Type>
    {
        [Storage] = typeof(StorageSettings),
        [Cluster] = typeof(ClusterSettings),
        [Membership] = typeof(Orleans.Configuration.ClusterMembershipOptions),
        [Reminders] = typeof(Orleans.Hosting.ReminderOptions),
        [Gateway] = typeof(GatewaySettings),
        [Management] = typeof(ManagementSettings),
        [Telemetry] = typeof(ServiceDefaults.TelemetrySettings),
        [Grains.CaseOptions.Section] = typeof(Grains.CaseOptions),
        [LingHuo.Gateway.Security.AuthSettings.Section] = typeof(LingHuo.Gateway.Security.AuthSettings),
        [LingHuo.Gateway.Security.LimitSettings.Section] = typeof(LingHuo.Gateway.Security.LimitSettings),
    };
}
