using LingHuo.Persistence.Search;
using LingHuo.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LingHuo.Silo;

/// <summary>Keeps the open-cases gauge current from the read model: one small grouped count now and then.</summary>
public sealed partial class OpenCasesMonitor(
    IApplicationSearch search,
    CaseMetrics metrics,
    [FromKeyedServices(ServiceKeys.BusinessClock)] TimeProvider clock,
    ILogger<OpenCasesMonitor> logger) : RepeatingService
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(15);

    public async Task RefreshAsync(CancellationToken cancellationToken) =>
        metrics.OpenCases(await search.OpenBySlaAsync(clock.GetUtcNow(), cancellationToken));

    protected override TimeSpan Interval => RefreshInterval;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => RefreshAsync(cancellationToken);

    protected override void LogFailed(Exception exception) => LogRefreshFailed(logger, exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not count open cases for the gauge; retrying")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
