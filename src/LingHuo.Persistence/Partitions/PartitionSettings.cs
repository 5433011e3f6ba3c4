namespace LingHuo.Persistence.Partitions;

/// <summary>What the province decided about keeping the access audit.</summary>
public sealed record PartitionSettings
{
    /// <summary>The shortest retention the database accepts for access records (see 0012_monthly_partitions.sql).</summary>
    public const int MinimumAuditYears = 3;

    /// <summary>Years an access record is kept before its month may be dropped; none keeps every record.</summary>
    public int? AuditRetentionYears { get; init; }
}
