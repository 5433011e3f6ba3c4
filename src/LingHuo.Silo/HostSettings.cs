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

    /// <summary>Loopback port for gRPC over HTTP/2 (0: any free port, printed at start).</summary>
    public int Port { get; set; } = 5080;
}
