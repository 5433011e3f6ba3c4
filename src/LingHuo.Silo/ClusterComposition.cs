using System.Net;
using LingHuo.Grains;
using LingHuo.Grains.Abstractions;
using LingHuo.Persistence;
using LingHuo.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace LingHuo.Silo;

public static class ClusterComposition
{
    /// <summary>A silo: cluster identity and endpoints, membership, grain storage (and on PostgreSQL the deadline sweep), the case grains.</summary>
    public static WebApplicationBuilder AddLingHuoClusterSilo(this WebApplicationBuilder builder, HostSettings host)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(host);
        var (cluster, storage) = (host.Cluster, host.Storage);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (cluster.ClusterId, cluster.ServiceId));

            // Failure detection (probe timeouts, votes) is the operator's to tune: LingHuo:Cluster:Membership.
            silo.Services.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection(SettingsSections.Membership));

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

                silo.UseLingHuoPostgres(storage.ConnectionString, storage.ClusterDatabase);
            }
            else
            {
                silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
                silo.AddMemoryGrainStorage(StorageNames.Cases);
            }

            silo.AddLingHuoCases(builder.Configuration);
            silo.AddActivityPropagation();
            if (host.Management.Dashboard)
            {
                silo.AddDashboard();
            }
        });
        return builder;
    }

    /// <summary>The gateway alone: a client of the cluster it finds in the membership table (or on localhost in memory).</summary>
    public static WebApplicationBuilder AddLingHuoClusterClient(this WebApplicationBuilder builder, HostSettings host)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(host);
        var (cluster, storage) = (host.Cluster, host.Storage);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (cluster.ClusterId, cluster.ServiceId));
            if (storage.Provider == StorageProvider.PostgreSQL)
            {
                client.UseLingHuoPostgresClustering(storage.ClusterDatabase);
            }
            else
            {
                client.UseLocalhostClustering(cluster.GatewayPort, cluster.ServiceId, cluster.ClusterId);
            }

            client.AddLingHuoClient();
            client.AddActivityPropagation();
        });
        builder.Services.AddLingHuoCaseServices(builder.Configuration);
        return builder;
    }
}
