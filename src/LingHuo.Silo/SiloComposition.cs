using System.Globalization;
using System.Net;
using LingHuo.Gateway;
using LingHuo.Grains;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using LingHuo.Persistence;
using LingHuo.ServiceDefaults;
using Orleans.Dashboard;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace LingHuo.Silo;

public static partial class SiloComposition
{
    /// <summary>
    /// The host as configuration describes it: by default a silo (cluster identity and ports, storage, the case grains)
    /// co-hosting the gRPC gateway; with <c>LingHuo:Role=Gateway</c>, the gateway alone as a client of the cluster.
    /// </summary>
    public static WebApplicationBuilder AddLingHuoSilo(this WebApplicationBuilder builder)
    {
        var storage = builder.Configuration.GetSection(SettingsSections.Storage).Get<StorageSettings>() ?? new StorageSettings();
        var cluster = builder.Configuration.GetSection(SettingsSections.Cluster).Get<ClusterSettings>() ?? new ClusterSettings();
        var gateway = builder.Configuration.GetSection(SettingsSections.Gateway).Get<GatewaySettings>() ?? new GatewaySettings();
        var management = builder.Configuration.GetSection(SettingsSections.Management).Get<ManagementSettings>() ?? new ManagementSettings();
        var role = builder.Configuration.GetValue(SettingsSections.Role, HostRole.Silo);

        // gRPC over HTTP/2 only (no TLS: a load balancer or mesh terminates it in production); health, metrics and the
        // dashboard on their own plain-HTTP port for probes, scrapers and browsers.
        var address = IPAddress.TryParse(gateway.Address, out var parsed)
            ? parsed
            : throw new InvalidOperationException($"LingHuo:Gateway:Address '{gateway.Address}' is not an IP address.");
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = GatewayHosting.MaxRequestBytes;
            if (gateway.Enabled)
            {
                kestrel.Listen(address, gateway.Port, listen => listen.Protocols = HttpProtocols.Http2);
            }

            if (management.Port > 0)
            {
                kestrel.Listen(address, management.Port, listen => listen.Protocols = HttpProtocols.Http1);
            }
        });
        if (gateway.Enabled)
        {
            builder.Services.AddLingHuoGateway(builder.Configuration);
        }
        else if (management.Port == 0)
        {
            // Kestrel with no endpoint would fall back to localhost:5000; a silo without the gateway listens for nothing.
            builder.Services.AddSingleton<IServer, NoServer>();
        }

        builder.AddLingHuoTelemetry(role == HostRole.Silo ? "linghuo-silo" : "linghuo-gateway", CaseMetrics.MeterName);
        var health = builder.Services.AddHealthChecks();
        if (role == HostRole.Silo)
        {
            health.AddCheck<MembershipHealthCheck>("membership", tags: [Health.Ready]);
        }
        else
        {
            health.AddCheck<ClusterHealthCheck>("cluster", tags: [Health.Ready]);
        }

        if (storage.Provider == StorageProvider.PostgreSQL)
        {
            if (string.IsNullOrWhiteSpace(storage.ConnectionString))
            {
                throw new InvalidOperationException("LingHuo:Storage:ConnectionString is required for PostgreSQL storage (or set LingHuo:Storage:Provider to Memory).");
            }

            // Before the silo: the providers read their queries from the database when they start.
            builder.Services.AddLingHuoDatabase(storage.ConnectionString);
            builder.Services.AddSingleton<CaseEventReader>();
            builder.Services.AddSingleton<DepartmentFeeds>();
            builder.Services.AddSingleton<ApplicationSearch>();
            builder.Services.AddSingleton<SearchProjection>();
            builder.Services.AddSingleton<AccessAudit>();
            if (role == HostRole.Silo)
            {
                builder.Services.AddHostedService<SearchProjector>();
                builder.Services.AddSingleton<OpenCasesMonitor>();
                builder.Services.AddHostedService(sp => sp.GetRequiredService<OpenCasesMonitor>());
            }

            health.AddCheck<DatabaseHealthCheck>("database", tags: [Health.Ready]);
            if (storage.MigrateOnStart && role == HostRole.Silo)
            {
                builder.Services.AddHostedService<MigrateOnStart>();
            }
        }

        if (role == HostRole.Gateway)
        {
            builder.UseOrleansClient(client =>
            {
                client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (cluster.ClusterId, cluster.ServiceId));
                if (storage.Provider == StorageProvider.PostgreSQL)
                {
                    client.UseLingHuoPostgresClustering(storage.ConnectionString);
                }
                else
                {
                    client.UseLocalhostClustering(cluster.GatewayPort, cluster.ServiceId, cluster.ClusterId);
                }

                client.AddLingHuoClient();
                client.AddActivityPropagation();
            });
            builder.Services.AddLingHuoCaseServices(builder.Configuration);
        }
        else
        {
            builder.UseOrleans(silo =>
            {
                silo.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = cluster.ClusterId;
                    o.ServiceId = cluster.ServiceId;
                });

                // Failure detection (probe timeouts, votes) is the operator's to tune: LingHuo:Cluster:Membership.
                silo.Services.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection(SettingsSections.Membership));

                // Reminder service timings (refresh of the owned ranges, minimum period) likewise: LingHuo:Cluster:Reminders.
                silo.Services.Configure<ReminderOptions>(builder.Configuration.GetSection(SettingsSections.Reminders));

                if (storage.Provider == StorageProvider.PostgreSQL)
                {
                    if (cluster.Kubernetes)
                    {
                        silo.UseKubernetesHosting();
                    }
                    else
                    {
                        var loopback = IPAddress.TryParse(cluster.Host, out var ip) && IPAddress.IsLoopback(ip);
                        silo.ConfigureEndpoints(cluster.Host, cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: !loopback);
                    }

                    silo.UseLingHuoPostgres(storage.ConnectionString);
                }
                else
                {
                    silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
                    silo.AddMemoryGrainStorage(StorageNames.Cases);
                    silo.UseInMemoryReminderService();
                }

                silo.AddLingHuoCases(builder.Configuration);
                silo.AddActivityPropagation();
                if (management.Dashboard)
                {
                    silo.AddDashboard();
                }
            });
        }

        builder.Services.AddHostedService(sp => new ReadyAnnouncer(
            sp.GetRequiredService<IHostApplicationLifetime>(), sp.GetRequiredService<IServer>(), sp.GetRequiredService<ILogger<ReadyAnnouncer>>(), role, storage.Provider, cluster, management));
        return builder;
    }

    /// <summary>The gRPC endpoints, when this host serves them; health, metrics and the dashboard on the management port.</summary>
    public static WebApplication MapLingHuoEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if ((app.Configuration.GetSection(SettingsSections.Gateway).Get<GatewaySettings>() ?? new GatewaySettings()).Enabled)
        {
            app.MapLingHuoGateway();
        }

        var management = app.Configuration.GetSection(SettingsSections.Management).Get<ManagementSettings>() ?? new ManagementSettings();
        if (management.Port > 0)
        {
            var port = $"*:{management.Port.ToString(CultureInfo.InvariantCulture)}";
            app.MapLingHuoHealth(port);
            app.MapLingHuoMetrics().RequireHost(port);
            if (management.Dashboard)
            {
                app.MapOrleansDashboard("/dashboard").RequireHost(port);
            }
        }

        return app;
    }

    private sealed class NoServer : IServer
    {
        public IFeatureCollection Features { get; } = new FeatureCollection();

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }

    private sealed class MigrateOnStart(Migrator migrator) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>One line when the silo serves, for operators and for scripts that wait for it; then its addresses.</summary>
    private sealed partial class ReadyAnnouncer(IHostApplicationLifetime lifetime, IServer server, ILogger<ReadyAnnouncer> logger, HostRole role, StorageProvider storage, ClusterSettings cluster, ManagementSettings management) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            lifetime.ApplicationStarted.Register(() =>
            {
                if (role == HostRole.Silo)
                {
                    LogReady(logger, cluster.ClusterId, cluster.SiloPort, cluster.GatewayPort, storage);
                }
                else
                {
                    LogGatewayReady(logger, cluster.ClusterId);
                }

                foreach (var address in server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
                {
                    Console.WriteLine(new Uri(address).Port == management.Port ? $"Management: {address}" : $"gRPC: {address}");
                }
            });
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Information, Message = "LingHuo silo ready: cluster {ClusterId}, silo 127.0.0.1:{SiloPort}, gateway 127.0.0.1:{GatewayPort}, storage {Storage}")]
        private static partial void LogReady(ILogger logger, string clusterId, int siloPort, int gatewayPort, StorageProvider storage);

        [LoggerMessage(Level = LogLevel.Information, Message = "LingHuo gateway ready: a client of cluster {ClusterId}")]
        private static partial void LogGatewayReady(ILogger logger, string clusterId);
    }
}
