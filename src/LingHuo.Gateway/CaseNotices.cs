using LingHuo.Grains.Abstractions;
using Orleans.Streams;

namespace LingHuo.Gateway;

/// <summary>
/// Wakes a reader of the log when a stream says there is news, and otherwise after <see cref="FallbackPoll"/> (a lost
/// notice or a moved subscription costs that much latency, never an event).
/// </summary>
public sealed class CaseNotices(IClusterClient client)
{
    // Short enough that an event behind the log's commit horizon at the moment of its notice is read soon after.
    public static readonly TimeSpan FallbackPoll = TimeSpan.FromMilliseconds(250);

    public async Task<Wakeup> SubscribeAsync(StreamId stream)
    {
        var wakeup = new Wakeup();
        try
        {
            var handle = await client.GetStreamProvider(StreamNames.Provider).GetStream<CaseEventNotice>(stream)
                .SubscribeAsync((_, _) =>
                {
                    wakeup.Signal();
                    return Task.CompletedTask;
                });
            wakeup.Handle = handle;
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or InvalidOperationException or KeyNotFoundException)
        {
            // No stream: the reader falls back to polling.
        }

        return wakeup;
    }

    public sealed class Wakeup : IAsyncDisposable
    {
        private readonly SemaphoreSlim _signal = new(0, 1);

        internal StreamSubscriptionHandle<CaseEventNotice>? Handle { get; set; }

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
        }

        public async ValueTask DisposeAsync()
        {
            if (Handle is not null)
            {
                try
                {
                    await Handle.UnsubscribeAsync();
                }
                catch (Exception e) when (e is OrleansException or TimeoutException)
                {
                    // The subscription goes with its silo anyway.
                }
            }

            _signal.Dispose();
        }
    }
}
