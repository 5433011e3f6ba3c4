using LingHuo.Domain.Catalog;
using LingHuo.Domain.Divisions;

namespace LingHuo.Persistence.EventLog;

/// <summary>
/// The department work feeds: for each (department, jurisdiction), the matters that become ready for it or are cancelled,
/// and every withdrawal and SLA alert in its jurisdiction, numbered 1, 2, 3… without gaps. Any number of gateways may
/// advance and read the same feed.
/// </summary>
public interface IDepartmentFeeds
{
    /// <summary>The feed's id, creating it (empty, at the start of the log) on first use.</summary>
    Task<long> OpenAsync(Department department, DivisionCode jurisdiction, CancellationToken cancellationToken);

    /// <summary>Sequences what the log has beyond the feed's position; returns the feed's last sequence number.</summary>
    Task<long> AdvanceAsync(long feedId, CancellationToken cancellationToken);

    /// <summary>The feed's items after <paramref name="afterSequence"/>, in order.</summary>
    Task<IReadOnlyList<FeedItem>> ReadAsync(long feedId, long afterSequence, int limit, CancellationToken cancellationToken);
}
