namespace LingHuo.Grains.Abstractions;

/// <summary>
/// The in-cluster fan-out of case events. Streams carry notices only: the durable, ordered source stays case_events, so
/// a consumer reads the log and treats a notice as "look now" (a lost notice costs latency, never an event).
/// </summary>
public static class StreamNames
{
    /// <summary>
    /// Not the name of any grain storage: Orleans keeps a stream provider's subscriptions in the storage named like the
    /// provider when there is one, and these must stay in memory (<see cref="PubSubStore"/>), not in PostgreSQL.
    /// </summary>
    public const string Provider = "notices";

    /// <summary>Grain storage of stream subscriptions (the Orleans convention).</summary>
    public const string PubSubStore = "PubSubStore";

    /// <summary>Status changes of one application, keyed by its number.</summary>
    public const string Status = "case-status";

    /// <summary>The one key of every department stream (its value is historical and no rule: jurisdictions filter the log).</summary>
    public const string WorkKey = "53";

    /// <summary>One namespace per department kind, keyed by <see cref="WorkKey"/>.</summary>
    public static string DepartmentWork(Domain.Catalog.Department department) => "work-" + department.ToString();
}
