using Microsoft.Extensions.Logging;

namespace LingHuo.Persistence.EventLog;

/// <summary>Keeps the search model close behind the log.</summary>
public sealed class SearchProjector(SearchProjection projection, ILogger<SearchProjector> logger) : LogFollower(logger)
{
    protected override string What => "The search projection";

    protected override int Batch => SearchProjection.Batch;

    protected override Task<int> AdvanceAsync(CancellationToken cancellationToken) => projection.AdvanceAsync(cancellationToken);
}
