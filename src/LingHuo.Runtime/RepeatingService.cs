using Microsoft.Extensions.Hosting;

namespace LingHuo.Runtime;

/// <summary>
/// Work done once the host can do it and then every <see cref="Interval"/> for the life of the host. A failed round is
/// logged and the next one tries again, so each round must be safe to repeat.
/// </summary>
public abstract class RepeatingService : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    /// <summary>Waits until a round can run (by default, at once).</summary>
    protected virtual Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>One round.</summary>
    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    /// <summary>Says that a round failed and will be tried again.</summary>
    protected abstract void LogFailed(Exception exception);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await StartingAsync(stoppingToken);
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
