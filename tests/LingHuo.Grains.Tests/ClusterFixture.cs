using LingHuo.Persistence;
using LingHuo.Runtime;
using LingHuo.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace LingHuo.Grains.Tests;

/// <summary>
/// Two silos in this process on a fresh PostgreSQL database (grain state, deadlines and the event log real; membership
/// and transport are the test host's, in memory), sharing one fake business clock. The deadline sweep looks five times a second, so that advancing the clock is seen fast.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 9, 30, 2, 0, 0, TimeSpan.Zero); // 10:00 in Beijing

    public FakeTimeProvider Clock { get; } = new(Start);

    public TestDatabase Database { get; private set; } = null!;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public static IConfiguration Configuration { get; } = new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LingHuo:Applicants:KeySecret"] = Scenario.KeySecret,
            ["LingHuo:Cases:DeadlineSweepInterval"] = "00:00:00.200",
            ["LingHuo:Cases:Acceptance:Mode"] = "Auto",
        })
        .Build();

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Cluster = await DeployAsync(Database.ConnectionString, Clock, silos: 2);
    }

    /// <summary>A cluster on <paramref name="connectionString"/>; a new one on the same database sees everything durable.</summary>
    public static async Task<InProcessTestCluster> DeployAsync(string connectionString, TimeProvider clock, short silos, string serviceId = "linghuo-tests")
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ServiceId = serviceId;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddLingHuoPostgresStorage(connectionString);
            silo.AddLingHuoCases(Configuration);
            silo.Services.AddKeyedSingleton(ServiceKeys.BusinessClock, clock);
        });
        builder.ConfigureClient(client => client.AddLingHuoClient());
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
