using LingHuo.Domain.Cases;

namespace LingHuo.Persistence.Search;

/// <summary>
/// Queries of the search model, a projection of the event log a moment behind it. Pages are keyset pages, newest first
/// by (submitted_at, number): a page token names the last row seen, so rows inserted meanwhile (always newer) never shift
/// the pages after it.
/// </summary>
public interface IApplicationSearch
{
    Task<(IReadOnlyList<SearchRow> Rows, string? NextPageToken)> SearchAsync(SearchFilter filter, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Accepted applications by county and department and the state of their committed deadline.</summary>
    Task<IReadOnlyList<SlaCount>> OverviewAsync(string? countyPrefix, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Open (accepted) applications by the state of their committed deadline, across the province.</summary>
    Task<IReadOnlyDictionary<SlaState, long>> OpenBySlaAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>A county's applications waiting for review or for a supplement, oldest first.</summary>
    Task<IReadOnlyList<QueueRow>> ReviewQueueAsync(string countyCode, int limit, CancellationToken cancellationToken);

    /// <summary>Open rectification tickets by county in an area, and how many are overdue (due before today, Beijing).</summary>
    Task<IReadOnlyList<(string CountyCode, long Open, long Overdue)>> RectificationCountsAsync(string countyPrefix, DateOnly today, CancellationToken cancellationToken);

    /// <summary>Open rectification tickets in an area (a county prefix; empty for all), the earliest due first.</summary>
    Task<IReadOnlyList<RectificationRow>> RectificationsAsync(string countyPrefix, int limit, CancellationToken cancellationToken);
}
