using LingHuo.Gateway;
using LingHuo.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;

namespace LingHuo.Silo;

public static class HealthComposition
{
    /// <summary>Ready: a silo while it is active in the membership, a separate gateway while a grain answers; and the database answers.</summary>
    public static IServiceCollection AddLingHuoHealthChecks(this IServiceCollection services, HostSettings host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var health = services.AddHealthChecks();
        if (host.Role == HostRole.Silo)
        {
            health.AddCheck<MembershipHealthCheck>("membership", tags: [Health.Ready]);
        }
        else
        {
            health.AddCheck<ClusterHealthCheck>("cluster", tags: [Health.Ready]);
        }

        if (host.Storage.Provider == StorageProvider.PostgreSQL)
        {
            health.AddCheck<DatabaseHealthCheck>("database", tags: [Health.Ready]);
        }

        return services;
    }
}
