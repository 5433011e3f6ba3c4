using LingHuo.Domain.Cases;

namespace LingHuo.Persistence.EventLog;

/// <summary>The durable log of one application's events (case_events), in sequence order.</summary>
public interface ICaseLog
{
    /// <summary>At most <paramref name="limit"/> events after <paramref name="afterSequence"/>.</summary>
    Task<IReadOnlyList<CaseEvent>> ReadAsync(ApplicationNumber number, long afterSequence, int limit, CancellationToken cancellationToken);
}
