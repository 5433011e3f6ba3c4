using LingHuo.Domain.Cases;

namespace LingHuo.Grains.Abstractions;

/// <summary>Names shared by grains, hosts and the database. Changing one orphans stored data.</summary>
public static class StorageNames
{
    /// <summary>The grain storage provider that holds every case grain's state.</summary>
    public const string Cases = "cases";

    /// <summary>Grain-state names: the database's grain_type column. The write query extracts the outbox of this one.</summary>
    public const string ApplicationState = "application";

    public const string ApplicantState = "applicant";

    public const string NumberingState = "numbering";
}

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
    public static string DepartmentWork(Domain.Department department) => "work-" + department.ToString();
}

/// <summary>What a stream says of one event: enough to route it and to know what to read from the log.</summary>
[GenerateSerializer, Immutable, Alias("linghuo.CaseEventNotice")]
public sealed record CaseEventNotice(
    [property: Id(0)] ApplicationNumber ApplicationNumber,
    [property: Id(1)] long Sequence,
    [property: Id(2)] string Type,
    [property: Id(3)] string CountyCode);

public static class ReminderNames
{
    /// <summary>The application's one reminder: whatever timed transition comes next (SLA alert, supplement expiry).</summary>
    public const string Deadlines = "deadlines";
}
