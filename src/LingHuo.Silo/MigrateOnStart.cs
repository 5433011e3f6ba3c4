using LingHuo.Persistence;
using Microsoft.Extensions.Hosting;

namespace LingHuo.Silo;

/// <summary>Applies the schema migrations before the silo starts (LingHuo:Storage:MigrateOnStart).</summary>
internal sealed class MigrateOnStart(Migrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
