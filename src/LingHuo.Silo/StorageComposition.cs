using LingHuo.Persistence;
using LingHuo.Persistence.Documents;
using LingHuo.Persistence.EventLog;
using LingHuo.Persistence.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LingHuo.Silo;

public static class StorageComposition
{
    /// <summary>
    /// Our own database services, chosen once: PostgreSQL (the data source, migrations, the event log's readers, search,
    /// the access audit and documents; on a silo also the search projector, the document issuer, the message sender and the open-cases gauge), or in memory, where each of
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
        services.AddLingHuoReadSide();
        services.AddLingHuoDocuments(configuration, postgres: true, issue: host.Role == HostRole.Silo);
        if (host.Role == HostRole.Silo)
        {
            if (storage.MigrateOnStart)
            {
                services.AddHostedService<MigrateOnStart>();
            }

            services.AddHostedService<SearchProjector>();
            services.AddLingHuoNotificationSender(configuration);
            services.AddSingleton<OpenCasesMonitor>();
            services.AddHostedService(sp => sp.GetRequiredService<OpenCasesMonitor>());
        }

        return services;
    }
}
