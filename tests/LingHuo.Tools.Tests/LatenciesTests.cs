using System.Diagnostics;
using Grpc.Core;
using LingHuo.LoadTest;

namespace LingHuo.Tools.Tests;

/// <summary>The load generator's statistics on data whose answers are known.</summary>
public sealed class LatenciesTests
{
    [Fact]
    public void Percentiles_OfOneToAThousandMilliseconds_AreWhereTheyMustBe()
    {
        var latencies = new Latencies();
        for (var ms = 1000; ms >= 1; ms--)
        {
            latencies.Record(TimeSpan.FromMilliseconds(ms));
        }

        Assert.Equal(1000, latencies.Count);
        Assert.Equal(500, latencies.Percentile(50), 0.5);
        Assert.Equal(900, latencies.Percentile(90), 0.9);
        Assert.Equal(990, latencies.Percentile(99), 1.0);
        Assert.Equal(999, latencies.Percentile(99.9), 1.0);
        Assert.Equal(1000, latencies.Percentile(100), 1.0);
    }

    [Fact]
    public void ASingleSlowCall_ShowsInTheTail_NotTheMedian()
    {
        var latencies = new Latencies();
        for (var i = 0; i < 999; i++)
        {
            latencies.Record(TimeSpan.FromMilliseconds(2));
        }

        latencies.Record(TimeSpan.FromSeconds(3));

        Assert.Equal(2, latencies.Percentile(50), 0.01);
        Assert.Equal(2, latencies.Percentile(99.9), 0.01);
        Assert.Equal(3000, latencies.Percentile(100), 3.0);
    }

    [Fact]
    public void Summary_HasFlatKeys_WithFailuresByStatus()
    {
        var latencies = new Latencies();
        latencies.Record(TimeSpan.FromMilliseconds(10));
        latencies.Failed(StatusCode.Unavailable);
        latencies.Failed(StatusCode.Unavailable);
        latencies.Failed(StatusCode.ResourceExhausted);

        var summary = latencies.Summary("submit", TimeSpan.FromSeconds(2));

        Assert.Equal(0.5, summary["submit_per_s"]);
        Assert.Equal(10.0, (double)summary["submit_p99_ms"], 0.01);
        Assert.Equal(2L, summary["submit_failed_unavailable"]);
        Assert.Equal(1L, summary["submit_failed_resourceexhausted"]);
    }

    [Fact]
    public async Task OpenLoop_MeasuresFromWhenTheCallWasDue_SoAStallIsLatency()
    {
        // Ten calls at 100/s; the first holds the server until the last one has been sent, and the rest queue behind
        // it, as on a blocked server. Every latency counts from when its call was due, not from when it got through.
        var lastSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = new SemaphoreSlim(1);
        var latencies = await Offered.AtRateAsync(100, TimeSpan.FromMilliseconds(100), async n =>
        {
            if (n == 9)
            {
                lastSent.SetResult();
            }

            await server.WaitAsync();
            try
            {
                if (n == 0)
                {
                    await lastSent.Task;
                }
            }
            finally
            {
                server.Release();
            }
        });

        Assert.Equal(10, latencies.Count);

        // The first call was due at 0 and let through once the tenth was sent, at 90 ms; half were due 50 ms or more
        // before the stall ended.
        Assert.InRange(latencies.Percentile(100), 80, 5_000);
        Assert.InRange(latencies.Percentile(50), 30, 5_000);
    }

    [Fact]
    public async Task ClosedLoop_KeepsEachCallerBusy_AndCountsFailures()
    {
        var watch = Stopwatch.StartNew();
        var latencies = await Offered.ByCallersAsync(4, TimeSpan.FromMilliseconds(200), async n =>
        {
            await Task.Yield();
            if (n % 2 == 1)
            {
                throw new RpcException(new Status(StatusCode.Unavailable, "down"));
            }
        });

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(200));
        Assert.True(latencies.Count > 4);
        Assert.True(latencies.Failures[StatusCode.Unavailable] > 4);
    }
}
