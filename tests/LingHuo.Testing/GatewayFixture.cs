using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;
using LingHuo.Grains.Abstractions;
using LingHuo.Persistence.GrainState;
using LingHuo.Silo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Orleans.Storage;
using Xunit;
using P = LingHuo.Protos.V1;

namespace LingHuo.Testing;

/// <summary>
/// The real silo composition (silo + co-hosted gateway) on a fresh PostgreSQL database, serving gRPC with Kestrel on a
/// loopback port; tests talk to it with generated clients over HTTP/2.
/// </summary>
public class GatewayFixture : IAsyncLifetime
{
    /// <summary>The county whose submissions wait for a clerk's review (官渡区); every other county accepts complete ones at once.</summary>
    public const string ReviewCounty = "530111";

    /// <summary>The documents' sealing key (32 bytes, base64).</summary>
    public const string DocumentKeySecret = "ZG9jdW1lbnQtc2VhbC10ZXN0LWtleS0zMi1ieXRlcyEh";

    /// <summary>The one portal whose pages may call the gateway from a browser (CORS).</summary>
    public const string PortalOrigin = "https://portal.example.gov.cn";

    public const string KeySecret = "bGluZ2h1by1nYXRld2F5LXRlc3RzLWtleS1zZWNyZXQtMzJieXRlcw==";
    private WebApplication _app = null!;
    private TestDatabase _database = null!;

    public NpgsqlDataSource Database => _database.DataSource;

    /// <summary>The fixture database, for tools that open their own connections (the load generator).</summary>
    public string ConnectionString => _database.ConnectionString;

    public Recorded<Activity> Spans { get; } = new();

    public Recorded<LogRecord> Logs { get; } = new();

    public Recorded<MetricSnapshot> Metrics { get; } = new();

    /// <summary>The province's message platform, as the silo's webhook sends to it.</summary>
    public WebhookReceiver Messages { get; private set; } = null!;

    public GrpcChannel Channel { get; private set; } = null!;

    public string Address { get; private set; } = null!;

    /// <summary>The same services as JSON over HTTP/1.1 and gRPC-Web, with the OpenAPI document.</summary>
    public Uri WebAddress { get; private set; } = null!;

    public IServiceProvider Services => _app.Services;

    /// <summary>Calls as the caller each request naturally comes from (<see cref="Callers.For"/>) unless a test says otherwise.</summary>
    public CallInvoker Invoker { get; private set; } = null!;

    public P.ApplicationService.ApplicationServiceClient Applications => new(Invoker);

    public P.DepartmentService.DepartmentServiceClient Departments => new(Invoker);

    public P.QueryService.QueryServiceClient Queries => new(Invoker);

    public P.CalendarService.CalendarServiceClient Calendar => new(Invoker);

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("linghuo_gw_");
        Messages = await WebhookReceiver.StartAsync();
        var builder = WebApplication.CreateBuilder();

        // Everything the host emits is kept, so tests can look at traces, metrics and logs (and for identity numbers).
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Information)
            .AddOpenTelemetry(o => (o.IncludeFormattedMessage, o.IncludeScopes) = (true, true))
            .Services.ConfigureOpenTelemetryLoggerProvider(logs => logs.AddInMemoryExporter(Logs));
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans));
        builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(Metrics));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LingHuo:Storage:Provider"] = "PostgreSQL",
            ["LingHuo:Storage:ConnectionString"] = ConnectionString,
            ["LingHuo:Telemetry:Tracing"] = "true",
            ["LingHuo:Cluster:ClusterId"] = "gateway-tests-" + _database.Name,
            ["LingHuo:Cluster:SiloPort"] = FreePorts.NextText(),
            ["LingHuo:Cluster:GatewayPort"] = FreePorts.NextText(),
            ["LingHuo:Gateway:Port"] = "0",
            ["LingHuo:Gateway:WebPort"] = FreePorts.NextText(),
            ["LingHuo:Gateway:CorsOrigins:0"] = PortalOrigin,
            ["LingHuo:Applicants:KeySecret"] = KeySecret,
            ["LingHuo:Limits:CallsPerSecond:Applicant"] = "5",
            ["LingHuo:Limits:CallsPerSecond:Clerk"] = "100000",
            ["LingHuo:Limits:CallsPerSecond:Department"] = "100000",
            ["LingHuo:Limits:CallsPerSecond:Operator"] = "100000",
            ["LingHuo:Limits:StreamsPerCaller"] = "64",
            ["LingHuo:Limits:PublicCallsPerSecond"] = "100000",
            ["LingHuo:Documents:Keys:0:Id"] = "d1",
            ["LingHuo:Documents:Keys:0:Secret"] = DocumentKeySecret,

            // Most tests work accepted cases: complete submissions are accepted at once. One county reviews by hand.
            ["LingHuo:Cases:Acceptance:Mode"] = "Auto",
            [$"LingHuo:Cases:Acceptance:Counties:{ReviewCounty}"] = "Review",
        });
        builder.Configuration.AddInMemoryCollection(Messages.Settings());
        builder.Configuration.AddInMemoryCollection(Callers.Configuration());
        builder.AddLingHuoSilo();
        Configure(builder);
        _app = builder.Build();
        _app.MapLingHuoEndpoints();
        await _app.StartAsync();

        var webPort = ":" + builder.Configuration["LingHuo:Gateway:WebPort"];
        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Address = addresses.Single(a => !a.EndsWith(webPort, StringComparison.Ordinal));
        WebAddress = new Uri(addresses.Single(a => a.EndsWith(webPort, StringComparison.Ordinal)));
        Channel = GrpcChannel.ForAddress(Address);
        Invoker = Callers.Natural(Channel);
    }

    /// <summary>What a fixture of its own changes in the host before it is built: settings, a fake clock.</summary>
    protected virtual void Configure(WebApplicationBuilder builder)
    {
    }

    public async Task<long> CountAsync(string sql)
    {
        await using var command = Database.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Makes the database refuse connections, as if it were down, until the returned scope ends.</summary>
    public async Task<IAsyncDisposable> DatabaseDownAsync()
    {
        await _database.TakeDownAsync();
        return new Restore(this);
    }

    private sealed class Restore(GatewayFixture fixture) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await fixture._database.BringUpAsync();

            // Connections that the outage broke would fail their next use; a restarted process would not have them.
            fixture.Services.GetRequiredService<NpgsqlDataSource>().Clear();
            ((PostgresGrainStorage)fixture.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Cases)).ClearPool();
            NpgsqlConnection.ClearAllPools();
        }
    }

    public async Task DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _database.DisposeAsync();
        await Messages.DisposeAsync();
    }
}
