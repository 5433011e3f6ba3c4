using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LingHuo.Persistence.EventLog;

/// <summary>
/// Keeps something close behind the event log (the search model, the documents): every half second, as long as there
/// is something to read; a failure is logged and tried again, and nothing is lost, since the log is the source.
/// </summary>
public abstract partial class LogFollower(ILogger logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    /// <summary>What follows the log, for the log line when it cannot.</summary>
    protected abstract string What { get; }

    /// <summary>How many events one step reads at most: a full step means there is more.</summary>
    protected abstract int Batch { get; }

    /// <summary>One step; returns how many events it read.</summary>
    protected abstract Task<int> AdvanceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                while (await AdvanceAsync(stoppingToken) == Batch)
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e, What);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{What} could not advance behind the event log; retrying")]
    private static partial void LogFailed(ILogger logger, Exception exception, string what);
}
