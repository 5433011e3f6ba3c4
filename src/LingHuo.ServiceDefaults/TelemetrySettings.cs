namespace LingHuo.ServiceDefaults;

/// <summary>Bound from <c>LingHuo:Telemetry</c>.</summary>
public sealed class TelemetrySettings
{
    /// <summary>
    /// Traces on or off (metrics and logs stay). Unset: on when they have somewhere to go (an OTLP endpoint), since
    /// recording spans no one exports costs a cheap read a sixth to a third of its time (docs/perf.md).
    /// </summary>
    public bool? Tracing { get; set; }

    public bool RecordsTraces(bool exporting) => Tracing ?? exporting;

    /// <summary>The share of new traces recorded (a caller's sampling decision is always followed).</summary>
    public double SampleRatio { get; set; } = 1.0;

    /// <summary>
    /// The console log's form: <see cref="ConsoleLogFormat.Text"/> for people, <see cref="ConsoleLogFormat.Json"/> (one
    /// object per line, UTC timestamps, the trace and span ids) for log shippers.
    /// </summary>
    public ConsoleLogFormat ConsoleLogs { get; set; } = ConsoleLogFormat.Text;
}

public enum ConsoleLogFormat
{
    Text,
    Json,
}
