using System.Collections.Concurrent;
using System.Diagnostics;
using LingHuo.Grains.Abstractions;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace LingHuo.Gateway;

/// <summary>
/// Wakes the readers of the log in this gateway (watchers, feed readers) when the notice stream says there is news for
/// them, and otherwise after <see cref="FallbackPoll"/> (a lost notice costs that much latency, never an event). One
/// subscription per gateway, taken when the first reader comes and checked now and then; each notice is matched
/// against the waiting readers here.
/// </summary>
public sealed partial class CaseNotices(IClusterClient client, ILogger<CaseNotices> logger)
{
    // Short enough that an event behind the log's commit horizon at the moment of its notice is read soon after.
    public static readonly TimeSpan FallbackPoll = TimeSpan.FromMilliseconds(250);

    // How often a gateway with readers makes sure its subscription still stands: subscriptions live in memory on a
    // silo, and one that died with its silo is taken again.
    private static readonly TimeSpan Recheck = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<Wakeup, Func<CaseEventNotice, bool>> _waiting = new();
    private readonly SemaphoreSlim _subscribing = new(1, 1);
    private StreamSubscriptionHandle<CaseEventNotice>? _subscription;
    private long _verified;

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
        if (_subscription is not null && Stopwatch.GetElapsedTime(Interlocked.Read(ref _verified)) < Recheck)
        {
            return;
        }

        await _subscribing.WaitAsync();
        try
        {
            var stream = client.GetStreamProvider(StreamNames.Provider)
                .GetStream<CaseEventNotice>(StreamId.Create(StreamNames.Notices, StreamNames.NoticesKey));
            if (_subscription is not null && Stopwatch.GetElapsedTime(Interlocked.Read(ref _verified)) < Recheck)
            {
                return;
            }

            if (_subscription is null || !(await stream.GetAllSubscriptionHandles()).Any(h => h.HandleId == _subscription.HandleId))
            {
                _subscription = await stream.SubscribeAsync(Deliver);
            }

            Interlocked.Exchange(ref _verified, Stopwatch.GetTimestamp());
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or InvalidOperationException or KeyNotFoundException)
        {
            // No stream for now: readers fall back to polling, and try again.
            LogSubscribeFailed(logger, e);
        }
        finally
        {
            _subscribing.Release();
        }
    }

    private Task Deliver(CaseEventNotice notice, StreamSequenceToken? token)
    {
        foreach (var (wakeup, concerns) in _waiting)
        {
            if (concerns(notice))
            {
                wakeup.Signal();
            }
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not subscribe to the notice stream; readers poll the log until a later reader subscribes")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception);

    public sealed class Wakeup(CaseNotices notices) : IDisposable
    {
        private readonly SemaphoreSlim _signal = new(0, 1);

        /// <summary>Waits for the next notice, or the fallback poll interval (after which the subscription is checked).</summary>
        public async Task WaitAsync(CancellationToken cancellationToken)
        {
            if (!await _signal.WaitAsync(FallbackPoll, cancellationToken))
            {
                await notices.EnsureSubscribedAsync();
            }
        }

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
