using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics.Metrics;
using LingHuo.Domain;
using LingHuo.Domain.Cases;
using LingHuo.Domain.Catalog;
using LingHuo.Domain.Intake;

namespace LingHuo.Runtime;

/// <summary>
/// The platform's own meter. Labels are bounded enumerations (refusal code, outcome, department, SLA state, feed
/// jurisdiction); nothing that names a person ever becomes a label.
/// </summary>
public sealed class CaseMetrics
{
    public const string MeterName = "LingHuo";

    public const string PrecheckInstrument = "linghuo.prechecks";

    private readonly Counter<long> _submitted;
    private readonly Counter<long> _accepted;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _prechecked;
    private readonly Counter<long> _closed;
    private readonly Counter<long> _lookups;
    private readonly Counter<long> _messages;
    private readonly Counter<long> _rated;
    private readonly Histogram<double> _matterDuration;
    private readonly ConcurrentDictionary<(Department Department, string Jurisdiction), ConcurrentDictionary<long, long>> _feedLag = new();
    private volatile IReadOnlyDictionary<SlaState, long> _openCases = ImmutableDictionary<SlaState, long>.Empty;
    private long _subscriptions;

    public CaseMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _submitted = meter.CreateCounter<long>("linghuo.applications.submitted", "{application}", "Applications filed.");
        _prechecked = meter.CreateCounter<long>(PrecheckInstrument, "{precheck}", "Pre-checks evaluated (asked for, or of a submission), by verdict.");
        _accepted = meter.CreateCounter<long>("linghuo.applications.accepted", "{application}", "Applications accepted (受理): their SLA clock starts.");
        _refused = meter.CreateCounter<long>("linghuo.applications.refused", "{refusal}", "Reasons a submission or an acceptance was refused, by refusal code.");
        _closed = meter.CreateCounter<long>("linghuo.applications.closed", "{application}", "Applications closed, by outcome.");
        _lookups = meter.CreateCounter<long>("linghuo.progress.lookups", "{lookup}", "Progress lookups without a token (办件进度查询), by outcome: found, not_found or invalid.");
        _messages = meter.CreateCounter<long>("linghuo.notifications.attempts", "{attempt}", "Text-message webhook attempts, by outcome: sent, retry or failed (left for an operator).");
        _rated = meter.CreateCounter<long>("linghuo.ratings", "{rating}", "好差评 ratings, by level (a dissatisfied one opens a rectification ticket) and whether given by default.");
        _matterDuration = meter.CreateHistogram<double>(
            "linghuo.matter.duration", "s", "From acceptance to a department's completion or rejection of a matter.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [60, 600, 3_600, 4 * 3_600, 8 * 3_600, 86_400, 2 * 86_400, 5 * 86_400, 19 * 86_400] });
        meter.CreateObservableGauge("linghuo.cases.open", ObserveOpenCases, "{application}",
            "Accepted, not yet closed applications by the state of their committed deadline (the whole cluster, as every silo reports it).");
        meter.CreateObservableGauge("linghuo.feed.lag", ObserveFeedLag, "{item}",
            "Items sequenced in a department feed but not yet sent to its slowest live subscriber on this gateway.");
    }

    /// <summary>Counts what a durable change did: called once its write is acknowledged.</summary>
    public void Changed(Application application, ImmutableArray<CaseEvent> events)
    {
        ArgumentNullException.ThrowIfNull(application);
        foreach (var caseEvent in events)
        {
            switch (caseEvent)
            {
                case ApplicationSubmitted:
                    _submitted.Add(1);
                    break;
                case ApplicationAccepted accepted:
                    _accepted.Add(1, new KeyValuePair<string, object?>("deemed", accepted.Deemed));
                    break;
                case AcceptanceRefused:
                    _refused.Add(1, new KeyValuePair<string, object?>("reason", "NotAccepted"));
                    break;
                case ApplicationClosed closed:
                    _closed.Add(1, new KeyValuePair<string, object?>("outcome", closed.Outcome.ToString()));
                    break;
                case ServiceRated rated:
                    _rated.Add(1, new KeyValuePair<string, object?>("level", rated.Level.ToString()), new KeyValuePair<string, object?>("default", rated.IsDefault));
                    break;
                case MatterCompleted completed when application.Sla is { } sla:
                    MatterFinished(completed.Department, "completed", completed.At - sla.AcceptedAt);
                    break;
                case MatterRejected rejected when application.Sla is { } sla:
                    MatterFinished(rejected.Department, "rejected", rejected.At - sla.AcceptedAt);
                    break;
            }
        }
    }

    public void MessageSent(string outcome) => _messages.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void LookedUp(string outcome) => _lookups.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Prechecked(PrecheckVerdict verdict) => _prechecked.Add(1, new KeyValuePair<string, object?>("verdict", verdict.ToString()));

    public void Refused(ImmutableArray<Refusal> refusals)
    {
        foreach (var refusal in refusals)
        {
            _refused.Add(1, new KeyValuePair<string, object?>("reason", refusal.Code.ToString()));
        }
    }

    /// <summary>The latest count of open applications by SLA state, for the gauge.</summary>
    public void OpenCases(IReadOnlyDictionary<SlaState, long> counts) => _openCases = counts;

    /// <summary>Registers a live feed subscriber; dispose the result when it ends.</summary>
    public FeedLag Subscribed(Department department, string jurisdiction)
    {
        var subscribers = _feedLag.GetOrAdd((department, jurisdiction), _ => new ConcurrentDictionary<long, long>());
        var id = Interlocked.Increment(ref _subscriptions);
        subscribers[id] = 0;
        return new FeedLag(subscribers, id);
    }

    private void MatterFinished(Department department, string outcome, TimeSpan duration) =>
        _matterDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("department", department.ToString()), new KeyValuePair<string, object?>("outcome", outcome));

    private IEnumerable<Measurement<long>> ObserveOpenCases()
    {
        foreach (var (state, count) in _openCases)
        {
            yield return new Measurement<long>(count, new KeyValuePair<string, object?>("sla_state", state.ToString()));
        }
    }

    private IEnumerable<Measurement<long>> ObserveFeedLag()
    {
        foreach (var ((department, jurisdiction), subscribers) in _feedLag)
        {
            if (!subscribers.IsEmpty)
            {
                yield return new Measurement<long>(
                    subscribers.Values.Max(),
                    new KeyValuePair<string, object?>("department", department.ToString()),
                    new KeyValuePair<string, object?>("jurisdiction", jurisdiction));
            }
        }
    }

    /// <summary>One live subscriber's lag, reported until disposed.</summary>
    public sealed class FeedLag(ConcurrentDictionary<long, long> subscribers, long id) : IDisposable
    {
        public void Report(long lag) => subscribers[id] = Math.Max(0, lag);

        public void Dispose() => subscribers.TryRemove(id, out _);
    }
}
