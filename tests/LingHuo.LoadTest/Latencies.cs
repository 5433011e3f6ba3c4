using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using HdrHistogram;

namespace LingHuo.LoadTest;

/// <summary>
/// Latencies of one RPC in an HDR histogram (microseconds, 1 µs to 1 min, 3 significant digits: percentiles within 0.1 %),
/// and its failures by gRPC status.
/// </summary>
public sealed class Latencies
{
    private static readonly long MaxMicroseconds = (long)TimeSpan.FromMinutes(1).TotalMicroseconds;
    private readonly LongHistogram _histogram = new(MaxMicroseconds, 3);
    private readonly Dictionary<StatusCode, long> _failures = [];

    public long Count
    {
        get
        {
            lock (_histogram)
            {
                return _histogram.TotalCount;
            }
        }
    }

    public IReadOnlyDictionary<StatusCode, long> Failures
    {
        get
        {
            lock (_histogram)
            {
                return new Dictionary<StatusCode, long>(_failures);
            }
        }
    }

    public void Record(TimeSpan elapsed)
    {
        var micros = Math.Clamp((long)elapsed.TotalMicroseconds, 1, MaxMicroseconds);
        lock (_histogram)
        {
            _histogram.RecordValue(micros);
        }
    }

    public void Failed(StatusCode status)
    {
        lock (_histogram)
        {
            _failures[status] = _failures.GetValueOrDefault(status) + 1;
        }
    }

    /// <summary>The latency at <paramref name="percentile"/> (0–100) in milliseconds.</summary>
    public double Percentile(double percentile)
    {
        lock (_histogram)
        {
            return _histogram.TotalCount == 0 ? 0 : _histogram.GetValueAtPercentile(percentile) / 1000.0;
        }
    }

    /// <summary>Runs one call, recording its latency from <paramref name="intended"/> (a Stopwatch timestamp) or its failure.</summary>
    public async Task TimeAsync(Func<Task> call, long intended)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            await call();
            Record(Stopwatch.GetElapsedTime(intended));
        }
        catch (RpcException e)
        {
            Failed(e.StatusCode);
        }
    }

    /// <summary>Flat figures for scripts: calls/s over <paramref name="wall"/>, percentiles in ms, failures by status.</summary>
    public Dictionary<string, object> Summary(string name, TimeSpan wall)
    {
        var summary = new Dictionary<string, object>
        {
            [$"{name}_per_s"] = Math.Round(Count / wall.TotalSeconds, 1),
            [$"{name}_p50_ms"] = Math.Round(Percentile(50), 2),
            [$"{name}_p90_ms"] = Math.Round(Percentile(90), 2),
            [$"{name}_p99_ms"] = Math.Round(Percentile(99), 2),
            [$"{name}_p999_ms"] = Math.Round(Percentile(99.9), 2),
        };
        foreach (var (status, count) in Failures)
        {
            summary[$"{name}_failed_{status.ToString().ToLowerInvariant()}"] = count;
        }

        return summary;
    }

    public string Line(string name, TimeSpan wall)
    {
        var failed = Failures.Count == 0 ? "" : "; failed " + string.Join(", ", Failures.Select(f => $"{f.Key} {f.Value}"));
        return string.Create(CultureInfo.InvariantCulture,
            $"{name}: {Count / wall.TotalSeconds:F0}/s; p50 {Percentile(50):F2} ms, p90 {Percentile(90):F2} ms, p99 {Percentile(99):F2} ms, p99.9 {Percentile(99.9):F2} ms{failed}");
    }
}
