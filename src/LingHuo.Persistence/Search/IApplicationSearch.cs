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
}
