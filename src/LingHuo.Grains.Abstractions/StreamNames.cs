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

    /// <summary>
    /// The one stream of every change's notice, keyed by <see cref="NoticesKey"/>. Each gateway subscribes to it once and
    /// wakes its own watchers and feed readers, so a notice costs one message per gateway, however many applications or
    /// subscribers there are.
    /// </summary>
    public const string Notices = "case-notices";

    public const string NoticesKey = "all";
}
