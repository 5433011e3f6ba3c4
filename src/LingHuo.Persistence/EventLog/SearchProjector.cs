using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LingHuo.Persistence.EventLog;

/// <summary>Keeps the search model close behind the log: every half second, as long as there is something to read.</summary>
public sealed partial class SearchProjector(SearchProjection projection, ILogger<SearchProjector> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                while (await projection.AdvanceAsync(stoppingToken) == SearchProjection.Batch)
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The search projection could not advance; retrying")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
