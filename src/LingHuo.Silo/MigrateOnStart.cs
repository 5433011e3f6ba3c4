using LingHuo.Persistence;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LingHuo.Silo;

/// <summary>Applies the schema migrations before the silo starts (LingHuo:Storage:MigrateOnStart).</summary>
internal sealed class MigrateOnStart(Migrator migrator, HostSettings host, ILogger<Migrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await migrator.MigrateAsync(cancellationToken);
        if (host.Storage.ClusterDatabase != host.Storage.ConnectionString)
        {
            await Migrator.MigrateAsync(host.Storage.ClusterDatabase, logger, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
