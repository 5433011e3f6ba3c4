using LingHuo.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LingHuo.Silo;

/// <summary><c>LingHuo.Silo migrate</c>: applies the schema migrations to the configured database and exits.</summary>
public static class MigrateCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        var connectionString = builder.Configuration["LingHuo:Storage:ConnectionString"];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await Console.Error.WriteLineAsync("LingHuo:Storage:ConnectionString is required to migrate.");
            return 2;
        }

        builder.Services.AddLingHuoDatabase(connectionString);
        using var host = builder.Build();
        var applied = await host.Services.GetRequiredService<Migrator>().MigrateAsync();
        Console.WriteLine($"Migrations: {applied} applied, {Migrator.All.Count - applied} already present.");
        if (builder.Configuration["LingHuo:Storage:ClusterConnectionString"] is { Length: > 0 } cluster && cluster != connectionString)
        {
            applied = await Migrator.MigrateAsync(cluster, host.Services.GetRequiredService<ILogger<Migrator>>());
            Console.WriteLine($"Membership database: {applied} applied, {Migrator.All.Count - applied} already present.");
        }

        return 0;
    }
}
