using System.Net;
using LingHuo.Gateway;
using LingHuo.Grains;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using LingHuo.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace LingHuo.Silo;

public static partial class SiloComposition
{
    /// <summary>The silo as configuration describes it: cluster identity and ports, storage, and the case grains.</summary>
    public static WebApplicationBuilder AddLingHuoSilo(this WebApplicationBuilder builder)
    {
        var storage = builder.Configuration.GetSection("LingHuo:Storage").Get<StorageSettings>() ?? new StorageSettings();
        var cluster = builder.Configuration.GetSection("LingHuo:Cluster").Get<ClusterSettings>() ?? new ClusterSettings();
        var gateway = builder.Configuration.GetSection("LingHuo:Gateway").Get<GatewaySettings>() ?? new GatewaySettings();

        // gRPC on loopback over HTTP/2 only (no TLS: a load balancer or mesh terminates it in production).
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = GatewayHosting.MaxRequestBytes;
            if (gateway.Enabled)
            {
                kestrel.Listen(IPAddress.Loopback, gateway.Port, listen => listen.Protocols = HttpProtocols.Http2);
            }
        });
        if (gateway.Enabled)
        {
            builder.Services.AddLingHuoGateway();
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
            if (storage.MigrateOnStart)
            {
                builder.Services.AddHostedService<MigrateOnStart>();
            }
        }

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ServiceId;
            });

            // Failure detection (probe timeouts, votes) is the operator's to tune: LingHuo:Cluster:Membership.
            silo.Services.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection("LingHuo:Cluster:Membership"));

            if (storage.Provider == StorageProvider.PostgreSQL)
            {
                silo.ConfigureEndpoints(IPAddress.Loopback, cluster.SiloPort, cluster.GatewayPort);
                silo.UseLingHuoPostgres(storage.ConnectionString);
            }
            else
            {
                silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
                silo.AddMemoryGrainStorage(StorageNames.Cases);
                silo.UseInMemoryReminderService();
            }

            silo.AddLingHuoCases(builder.Configuration);
        });

        builder.Services.AddHostedService(sp => new ReadyAnnouncer(
            sp.GetRequiredService<IHostApplicationLifetime>(), sp.GetRequiredService<IServer>(), sp.GetRequiredService<ILogger<ReadyAnnouncer>>(), storage.Provider, cluster));
        return builder;
    }

    private sealed class MigrateOnStart(Migrator migrator) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>One line when the silo serves, for operators and for scripts that wait for it; then the gRPC address.</summary>
    private sealed partial class ReadyAnnouncer(IHostApplicationLifetime lifetime, IServer server, ILogger<ReadyAnnouncer> logger, StorageProvider storage, ClusterSettings cluster) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            lifetime.ApplicationStarted.Register(() =>
            {
                LogReady(logger, cluster.ClusterId, cluster.SiloPort, cluster.GatewayPort, storage);
                foreach (var address in server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
                {
                    Console.WriteLine($"gRPC: {address}");
                }
            });
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Information, Message = "LingHuo silo ready: cluster {ClusterId}, silo 127.0.0.1:{SiloPort}, gateway 127.0.0.1:{GatewayPort}, storage {Storage}")]
        private static partial void LogReady(ILogger logger, string clusterId, int siloPort, int gatewayPort, StorageProvider storage);
    }
}
