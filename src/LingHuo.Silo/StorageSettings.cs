namespace LingHuo.Silo;

/// <summary>Bound from <c>LingHuo:Storage</c>.</summary>
public sealed class StorageSettings
{
    public StorageProvider Provider { get; set; } = StorageProvider.PostgreSQL;

    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// Membership (the Orleans cluster table) in a database of its own, so that the silos' heartbeats and the case data
    /// do not share one server's load or fate; unset, the case database holds it. Migrated like the case database.
    /// </summary>
    public string? ClusterConnectionString { get; set; }

    /// <summary>
    /// Where the search model is read (QueryService's search, queue and SLA overview; the clerk's queue): a read-only
    /// replica, e.g. CloudNativePG's <c>-ro</c> service. Its answers lag the primary by the replica's replay delay on top
    /// of the projection's; unset, they come from the primary.
    /// </summary>
    public string? ReadOnlyConnectionString { get; set; }

    /// <summary>The database membership lives in.</summary>
    public string ClusterDatabase => string.IsNullOrWhiteSpace(ClusterConnectionString) ? ConnectionString : ClusterConnectionString;

    public bool MigrateOnStart { get; set; }

    /// <summary>Years the access audit is kept before its months are dropped (at least three); unset keeps it all.</summary>
    public int? AuditRetentionYears { get; set; }
}
