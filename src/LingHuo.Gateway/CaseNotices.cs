using System.Collections.Concurrent;
using LingHuo.Grains.Abstractions;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace LingHuo.Gateway;

/// <summary>
/// Wakes the readers of the log in this gateway (watchers, feed readers) when the notice stream says there is news for
/// them, and otherwise after <see cref="FallbackPoll"/> (a lost notice costs that much latency, never an event). One
/// subscription per gateway, taken when the first reader comes and kept; each notice is matched against the waiting
/// readers here.
/// </summary>
public sealed partial class CaseNotices(IClusterClient client, ILogger<CaseNotices> logger)
{
    // Short enough that an event behind the log's commit horizon at the moment of its notice is read soon after.
    public static readonly TimeSpan FallbackPoll = TimeSpan.FromMilliseconds(250);

    private readonly ConcurrentDictionary<Wakeup, Func<CaseEventNotice, bool>> _waiting = new();
    private readonly SemaphoreSlim _subscribing = new(1, 1);
    private StreamSubscriptionHandle<CaseEventNotice>? _subscription;

    /// <summary>Wakes on the notices that <paramref name="concerns"/> the reader.</summary>
    public async Task<Wakeup> SubscribeAsync(Func<CaseEventNotice, bool> concerns)
    {
        var wakeup = new Wakeup(this);
        _waiting[wakeup] = concerns;
        await EnsureSubscribedAsync();
        return wakeup;
    }

    private async Task EnsureSubscribedAsync()
    {
        if (_subscription is not null)
        {
            return;
        }

        await _subscribing.WaitAsync();
        try
        {
            _subscription ??= await client.GetStreamProvider(StreamNames.Provider)
                .GetStream<CaseEventNotice>(StreamId.Create(StreamNames.Notices, StreamNames.NoticesKey))
                .SubscribeAsync((notice, _) =>
                {
                    foreach (var (wakeup, concerns) in _waiting)
                    {
                        if (concerns(notice))
                        {
                            wakeup.Signal();
                        }
                    }

                    return Task.CompletedTask;
                });
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or InvalidOperationException or KeyNotFoundException)
        {
            // No stream for now: readers fall back to polling, and the next reader tries again.
            LogSubscribeFailed(logger, e);
        }
        finally
        {
            _subscribing.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not subscribe to the notice stream; readers poll the log until a later reader subscribes")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception);

    public sealed class Wakeup(CaseNotices notices) : IDisposable
    {
        private readonly SemaphoreSlim _signal = new(0, 1);

        /// <summary>Waits for the next notice, or the fallback poll interval.</summary>
        public Task WaitAsync(CancellationToken cancellationToken) => _signal.WaitAsync(FallbackPoll, cancellationToken);

        internal void Signal()
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled: one wake-up reads everything new.
            }
            catch (ObjectDisposedException)
            {
                // Its reader has gone.
            }
        }

        public void Dispose()
        {
            notices._waiting.TryRemove(this, out _);
            _signal.Dispose();
        }
    }
}
