using LingHuo.Persistence;
using LingHuo.Persistence.Documents;
using LingHuo.Persistence.EventLog;
using LingHuo.Persistence.Notifications;
using LingHuo.Persistence.Partitions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LingHuo.Silo;

public static class StorageComposition
{
    /// <summary>
    /// Our own database services, chosen once: PostgreSQL (the data source, migrations, the event log's readers, search,
    /// the access audit and documents; on a silo also the search projector, the document issuer, the message sender, the open-cases gauge and the
    /// keeper of the monthly partitions), or in memory, where each of
    /// those says it needs PostgreSQL. Grain storage, membership and the deadline sweep are the cluster's (<see cref="ClusterComposition"/>).
    /// </summary>
    public static IServiceCollection AddLingHuoStorage(this IServiceCollection services, HostSettings host, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(host);
        var storage = host.Storage;
        if (storage.Provider != StorageProvider.PostgreSQL)
        {
            services.AddLingHuoDocuments(configuration, postgres: false, issue: false);
            return services.AddLingHuoReadSideUnavailable();
        }

        if (string.IsNullOrWhiteSpace(storage.ConnectionString))
        {
            throw new InvalidOperationException("LingHuo:Storage:ConnectionString is required for PostgreSQL storage (or set LingHuo:Storage:Provider to Memory).");
        }

        services.AddLingHuoDatabase(storage.ConnectionString);
        services.AddLingHuoReadSide(storage.ReadOnlyConnectionString);
        services.AddLingHuoDocuments(configuration, postgres: true, issue: host.Role == HostRole.Silo);
        if (host.Role == HostRole.Silo)
        {
            if (storage.MigrateOnStart)
            {
                services.AddHostedService<MigrateOnStart>();
            }

            if (storage.AuditRetentionYears < PartitionSettings.MinimumAuditYears)
            {
                throw new InvalidOperationException(
                    $"LingHuo:Storage:AuditRetentionYears is {storage.AuditRetentionYears}; access records are kept at least {PartitionSettings.MinimumAuditYears} years (docs/operations.md, Retention).");
            }

            services.AddSingleton(new PartitionSettings { AuditRetentionYears = storage.AuditRetentionYears });
            services.AddSingleton<PartitionKeeper>();
            services.AddHostedService(sp => sp.GetRequiredService<PartitionKeeper>());
            services.AddHostedService<SearchProjector>();
            services.AddLingHuoNotificationSender(configuration);
            services.AddSingleton<OpenCasesMonitor>();
            services.AddHostedService(sp => sp.GetRequiredService<OpenCasesMonitor>());
        }

        return services;
    }
}
