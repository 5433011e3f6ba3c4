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
