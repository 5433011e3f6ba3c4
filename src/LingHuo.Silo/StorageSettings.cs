namespace LingHuo.Silo;

/// <summary>Bound from <c>LingHuo:Storage</c>.</summary>
public sealed class StorageSettings
{
    public StorageProvider Provider { get; set; } = StorageProvider.PostgreSQL;

    public string ConnectionString { get; set; } = "";

    public bool MigrateOnStart { get; set; }

    /// <summary>Years the access audit is kept before its months are dropped (at least three); unset keeps it all.</summary>
    public int? AuditRetentionYears { get; set; }
}
