using LingHuo.ServiceDefaults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;

namespace LingHuo.Gateway.Tests;

/// <summary>Spans are recorded when they have somewhere to go, or when the operator says so.</summary>
public sealed class TracingSwitchTests
{
    [Theory]
    [InlineData(false, null, false)]
    [InlineData(true, null, true)]
    [InlineData(false, true, true)]
    [InlineData(true, false, false)]
    public void Traces_AreRecordedWithAnExporter_UnlessSetOtherwise(bool exporting, bool? tracing, bool recorded) =>
        Assert.Equal(recorded, new TelemetrySettings { Tracing = tracing }.RecordsTraces(exporting));

    [Fact]
    public void AHostWithoutAnExporter_HasNoTracerProvider()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddLingHuoTelemetry("tracing-switch-test");
        using var host = builder.Build();

        Assert.Null(host.Services.GetService<TracerProvider>());
    }

    [Fact]
    public void AHostTracingOnRequest_HasATracerProvider()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["LingHuo:Telemetry:Tracing"] = "true" });
        builder.AddLingHuoTelemetry("tracing-switch-test");
        using var host = builder.Build();

        Assert.NotNull(host.Services.GetService<TracerProvider>());
    }
}
