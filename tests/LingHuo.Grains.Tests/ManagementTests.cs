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

        // The dashboard: nobody without an operator's token, not even on loopback.
        var anonymous = await http.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("<form", await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/dashboard/DashboardCounters")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(http, "/dashboard/", SiloProcess.Token(Contracts.CallerRole.Clerk, county: "530102"))).StatusCode);
        var operatorToken = SiloProcess.Token(Contracts.CallerRole.Operator);
        var dashboard = await SendAsync(http, "/dashboard/", operatorToken);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("<html", await dashboard.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        // From a browser: the token pasted once into the sign-in form, then a cookie for the dashboard's paths.
        using var browser = new HttpClient(new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = http.BaseAddress };
        var signedIn = await browser.PostAsync("/dashboard/signin", new FormUrlEncodedContent([new("token", operatorToken)]));
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode); // followed the redirect to the dashboard
        Assert.Contains("<html", await signedIn.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<form", await signedIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The grain-state view would show what a grain holds: never, for any grain.
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/dashboard/GrainState?grainId=application%2F530102-20260101-000001&grainType=LingHuo.Grains.ApplicationGrain")).StatusCode);
        // Loopback unless configured (the address lines follow the ready line, so wait for them).
        await Polling.EventuallyAsync(() => Task.FromResult(silo.Output), o => o.Contains($"Management: http://127.0.0.1:{port}", StringComparison.Ordinal), what: "the management address");

        // Only its own paths: the services' JSON routes and the API reference are the web port's, never this one's.
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/v1/applications/530102-20260101-000001")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/openapi/v1.json")).StatusCode);

        // SIGTERM: a clean exit, and nothing listens afterwards.
        Assert.Equal(0, await silo.TerminateAsync(TimeSpan.FromSeconds(60)));
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("/health/live"));
    }

    [Fact]
    public async Task TheDashboard_IsRefusedAtStart_WhereNoGatewayCouldAdmitOperators()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => SiloProcess.StartAsync(
            Database.ConnectionString, "mgmt-" + Guid.NewGuid().ToString("N")[..8], environment: new Dictionary<string, string>
            {
                ["LingHuo__Management__Port"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
                ["LingHuo__Management__Dashboard"] = "true",
                ["LingHuo__Gateway__Enabled"] = "false",
            }));

        Assert.Contains("admits operators by the gateway's token issuers", failure.Message, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }
}
