using System.Globalization;
using System.Net;
using LingHuo.Testing;

namespace LingHuo.Grains.Tests;

/// <summary>The management port of a real silo process: probes, Prometheus and the dashboard, over plain HTTP/1.1.</summary>
public sealed class ManagementTests : OwnDatabase
{
    [Fact]
    public async Task ManagementPort_ServesProbes_Metrics_AndTheDashboard_AndStopsCleanlyOnSigterm()
    {
        var port = FreePorts.Next();
        await using var silo = await SiloProcess.StartAsync(Database.ConnectionString, "mgmt-" + Guid.NewGuid().ToString("N")[..8], environment: new Dictionary<string, string>
        {
            ["LingHuo__Management__Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["LingHuo__Management__Dashboard"] = "true",
        });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        var ready = await Polling.EventuallyAsync(() => http.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.OK, what: "ready");
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());

        var metrics = await Polling.EventuallyAsync(
            () => http.GetStringAsync("/metrics"),
            m => m.Contains("linghuo_cases_open", StringComparison.Ordinal),
            what: "the open-cases gauge in the scrape");
        Assert.Contains("orleans_catalog_activations", metrics, StringComparison.Ordinal);
        Assert.Contains("db_client_operation_duration_seconds", metrics, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_heap_total_allocated_bytes_total", metrics, StringComparison.Ordinal);

        var dashboard = await http.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("<html", await dashboard.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        // The grain-state view would show what a grain holds: never, for any grain.
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/dashboard/GrainState?grainId=application%2F530102-20260101-000001&grainType=LingHuo.Grains.ApplicationGrain")).StatusCode);
        Assert.Contains($"Management: http://127.0.0.1:{port}", silo.Output, StringComparison.Ordinal); // loopback unless configured

        // Only its own paths: the services' JSON routes and the API reference are the web port's, never this one's.
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/v1/applications/530102-20260101-000001")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/openapi/v1.json")).StatusCode);

        // SIGTERM: a clean exit, and nothing listens afterwards.
        Assert.Equal(0, await silo.TerminateAsync(TimeSpan.FromSeconds(60)));
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("/health/live"));
    }

    [Fact]
    public async Task TheDashboard_IsRefusedAtStart_WhereItWouldBeReachableBeyondLoopback()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => SiloProcess.StartAsync(
            Database.ConnectionString, "mgmt-" + Guid.NewGuid().ToString("N")[..8], environment: new Dictionary<string, string>
            {
                ["LingHuo__Management__Port"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
                ["LingHuo__Management__Address"] = "0.0.0.0",
                ["LingHuo__Management__Dashboard"] = "true",
            }));

        Assert.Contains("the dashboard has no sign-in", failure.Message, StringComparison.Ordinal);
    }
}
