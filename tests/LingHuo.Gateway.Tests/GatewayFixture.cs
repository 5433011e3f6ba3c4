using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using Grpc.Net.Client;
using LingHuo.Gateway;
using LingHuo.Persistence;
using LingHuo.Silo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using P = LingHuo.Protos.V1;

namespace LingHuo.Gateway.Tests;

/// <summary>
/// The real silo composition (silo + co-hosted gateway) on a fresh PostgreSQL database, serving gRPC with Kestrel on a
/// loopback port; tests talk to it with generated clients over HTTP/2.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public const string KeySecret = "bGluZ2h1by1nYXRld2F5LXRlc3RzLWtleS1zZWNyZXQtMzJieXRlcw==";
    private WebApplication _app = null!;
    private string _databaseName = null!;

    public NpgsqlDataSource Database { get; private set; } = null!;

    /// <summary>The fixture database, for tools that open their own connections (the load generator).</summary>
    public string ConnectionString { get; private set; } = "";

    public Recorded<Activity> Spans { get; } = new();

    public Recorded<LogRecord> Logs { get; } = new();

    public Recorded<MetricSnapshot> Metrics { get; } = new();

    public GrpcChannel Channel { get; private set; } = null!;

    public string Address { get; private set; } = null!;

    public IServiceProvider Services => _app.Services;

    /// <summary>Calls as the caller each request naturally comes from (<see cref="Callers.For"/>) unless a test says otherwise.</summary>
    public CallInvoker Invoker { get; private set; } = null!;

    public P.ApplicationService.ApplicationServiceClient Applications => new(Invoker);

    public P.DepartmentService.DepartmentServiceClient Departments => new(Invoker);

    public P.QueryService.QueryServiceClient Queries => new(Invoker);

    public P.CalendarService.CalendarServiceClient Calendar => new(Invoker);

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("LINGHUO_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("LINGHUO_TEST_POSTGRES is not set: run the tests with ./test.sh, which starts PostgreSQL and sets it.");

    public async Task InitializeAsync()
    {
        _databaseName = "linghuo_gw_" + Guid.NewGuid().ToString("N")[..12];
        await using (var server = NpgsqlDataSource.Create(ServerConnectionString))
        await using (var create = server.CreateCommand($"create database {_databaseName}"))
        {
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = _databaseName }.ConnectionString;
        ConnectionString = connectionString;
        Database = NpgsqlDataSource.Create(connectionString);
        await new Migrator(Database, NullLogger<Migrator>.Instance).MigrateAsync();

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
            ["LingHuo:Storage:ConnectionString"] = connectionString,
            ["LingHuo:Telemetry:Tracing"] = "true",
            ["LingHuo:Cluster:ClusterId"] = "gateway-tests-" + _databaseName,
            ["LingHuo:Cluster:SiloPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["LingHuo:Cluster:GatewayPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["LingHuo:Gateway:Port"] = "0",
            ["LingHuo:Applicants:KeySecret"] = KeySecret,
            ["LingHuo:Limits:CallsPerSecond:Applicant"] = "5",
            ["LingHuo:Limits:CallsPerSecond:Clerk"] = "100000",
            ["LingHuo:Limits:CallsPerSecond:Department"] = "100000",
            ["LingHuo:Limits:CallsPerSecond:Operator"] = "100000",
            ["LingHuo:Limits:StreamsPerCaller"] = "64",
        });
        builder.Configuration.AddInMemoryCollection(Callers.Configuration());
        builder.AddLingHuoSilo();
        _app = builder.Build();
        _app.MapLingHuoEndpoints();
        await _app.StartAsync();

        Address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Channel = GrpcChannel.ForAddress(Address);
        Invoker = Callers.Natural(Channel);
    }

    public async Task<long> CountAsync(string sql)
    {
        await using var command = Database.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Makes the database refuse connections, as if it were down, until the returned scope ends.</summary>
    public async Task<IAsyncDisposable> DatabaseDownAsync()
    {
        await using var server = NpgsqlDataSource.Create(ServerConnectionString);
        await using (var refuse = server.CreateCommand($"alter database {_databaseName} allow_connections false"))
        {
            await refuse.ExecuteNonQueryAsync();
        }

        await using (var terminate = server.CreateCommand($"select pg_terminate_backend(pid) from pg_stat_activity where datname = '{_databaseName}'"))
        {
            await terminate.ExecuteNonQueryAsync();
        }

        return new Restore(this);
    }

    private sealed class Restore(GatewayFixture fixture) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using var server = NpgsqlDataSource.Create(ServerConnectionString);
            await using var allow = server.CreateCommand($"alter database {fixture._databaseName} allow_connections true");
            await allow.ExecuteNonQueryAsync();

            // Connections that the outage broke would fail their next use; a restarted process would not have them.
            fixture.Database.Clear();
            fixture.Services.GetRequiredService<NpgsqlDataSource>().Clear();
            NpgsqlConnection.ClearAllPools();
        }
    }

    public async Task DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Database.DisposeAsync();
        await using var server = NpgsqlDataSource.Create(ServerConnectionString);
        await using var drop = server.CreateCommand($"drop database if exists {_databaseName} with (force)");
        await drop.ExecuteNonQueryAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}
