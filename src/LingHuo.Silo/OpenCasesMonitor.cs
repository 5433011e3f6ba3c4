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
    ILogger<OpenCasesMonitor> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    public async Task RefreshAsync(CancellationToken cancellationToken) =>
        metrics.OpenCases(await search.OpenBySlaAsync(clock.GetUtcNow(), cancellationToken));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not count open cases for the gauge; retrying")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
