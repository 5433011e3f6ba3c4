using System.Diagnostics;

namespace LingHuo.LoadTest;

/// <summary>How calls are offered: a fixed rate (open loop) or a number of callers that each wait for their answer.</summary>
public static class Offered
{
    /// <summary>
    /// Open loop: call <paramref name="perSecond"/> times a second whatever the answers do, each latency measured from the
    /// moment the call was due, so a stalled server shows as latency instead of as fewer calls (no coordinated omission).
    /// </summary>
    public static async Task<Latencies> AtRateAsync(double perSecond, TimeSpan duration, Func<long, Task> call, Latencies? into = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        var latencies = into ?? new Latencies();
        var start = Stopwatch.GetTimestamp();
        var total = (long)(perSecond * duration.TotalSeconds);
        var calls = new List<Task>((int)Math.Min(total, 1_000_000));
        for (long i = 0; i < total; i++)
        {
            var due = start + (long)(i * Stopwatch.Frequency / perSecond);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            var n = i;
            calls.Add(latencies.TimeAsync(() => call(n), due));
        }

        await Task.WhenAll(calls);
        return latencies;
    }

    /// <summary>Closed loop: <paramref name="callers"/> callers, each calling again as soon as it has its answer.</summary>
    public static async Task<Latencies> ByCallersAsync(int callers, TimeSpan duration, Func<long, Task> call, Latencies? into = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        var latencies = into ?? new Latencies();
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var next = -1L;
        await Task.WhenAll(Enumerable.Range(0, callers).Select(async _ =>
        {
            while (Stopwatch.GetTimestamp() < until)
            {
                var n = Interlocked.Increment(ref next);
                await latencies.TimeAsync(() => call(n), Stopwatch.GetTimestamp());
            }
        }));
        return latencies;
    }
}
