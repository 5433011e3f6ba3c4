using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace LingHuo.ServiceDefaults;

public static class Telemetry
{
    /// <summary>Orleans' trace sources: grain calls of our own grains, and of Orleans' system grains.</summary>
    public static readonly string[] OrleansSources = ["Microsoft.Orleans.Application", "Microsoft.Orleans.Runtime"];

    /// <summary>
    /// Traces (gRPC server → Orleans grain calls → Npgsql commands, one trace per request), metrics (ours, Orleans',
    /// ASP.NET Core's, Npgsql's and the runtime's, scraped at <c>/metrics</c>) and, when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, OTLP export of traces, metrics and logs.
    /// </summary>
    public static IHostApplicationBuilder AddLingHuoTelemetry(this IHostApplicationBuilder builder, string serviceName, params string[] meters)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = builder.Configuration.GetSection("LingHuo:Telemetry").Get<TelemetrySettings>() ?? new TelemetrySettings();
        if (settings.SampleRatio is < 0 or > 1)
        {
            throw new InvalidOperationException("LingHuo:Telemetry:SampleRatio must be between 0 and 1.");
        }

        // Every log line written inside a request or a grain call carries its trace: a log found is a trace found.
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        if (settings.ConsoleLogs == ConsoleLogFormat.Json)
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceInstanceId: $"{Environment.MachineName}:{Environment.ProcessId}"))
            .WithMetrics(metrics => metrics
                .AddMeter(meters)
                .AddMeter("Microsoft.Orleans", "Npgsql")
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());
        var exporting = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (settings.RecordsTraces(exporting))
        {
            telemetry.WithTracing(tracing => tracing
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(settings.SampleRatio)))
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsManagement(context.Request.Path))
                .AddSource(OrleansSources)
                .AddNpgsql());
        }

        if (exporting)
        {
            builder.Logging.AddOpenTelemetry(logs => (logs.IncludeScopes, logs.IncludeFormattedMessage) = (true, true));
            telemetry.UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>Prometheus text format at <c>/metrics</c>.</summary>
    public static IEndpointConventionBuilder MapLingHuoMetrics(this WebApplication app) => app.MapPrometheusScrapingEndpoint("/metrics");

    private static bool IsManagement(PathString path) =>
        path.StartsWithSegments("/metrics", StringComparison.Ordinal) || path.StartsWithSegments("/health", StringComparison.Ordinal);
}
