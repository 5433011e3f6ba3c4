using System.Globalization;
using Grpc.Net.Client;
using LingHuo.Contracts;
using LingHuo.Testing;
using Npgsql;
using P = LingHuo.Protos.V1;

namespace LingHuo.Grains.Tests;

/// <summary>
/// QueryService's search read from a streaming replica (LingHuo:Storage:ReadOnlyConnectionString): what the replica has
/// replayed is found, what it has not is not yet (though the primary has it), and it is found once the replica catches up.
/// Membership kept in a database of its own (LingHuo:Storage:ClusterConnectionString), migrated by the silo on start.
/// </summary>
public sealed class ReadReplicaTests : OwnDatabase
{
    [Fact]
    public async Task SearchReadsTheReplica_AndMembershipItsOwnDatabase()
    {
        // An empty database: the silo migrates it on start, as it does the case database.
        await using var membership = await TestDatabase.CreateAsync("linghuo_membership_", migratedThrough: 0);
        await using var standby = new SecondServer(Path.Combine(Path.GetTempPath(), $"linghuo-standby-{Guid.NewGuid():N}"));
        await standby.BackUpAsync(standby: true);
        var replica = await standby.StartAsync(Database.Name);
        await using var replicaDatabase = NpgsqlDataSource.Create(replica);

        var port = FreePorts.Next();
        var clusterId = "replica-" + Guid.NewGuid().ToString("N")[..8];
        await using var silo = await SiloProcess.StartAsync(Database.ConnectionString, clusterId, environment: new Dictionary<string, string>
        {
            ["LingHuo__Gateway__Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["LingHuo__Storage__ReadOnlyConnectionString"] = replica,
            ["LingHuo__Storage__ClusterConnectionString"] = membership.ConnectionString,
            ["LingHuo__Storage__MigrateOnStart"] = "true",
        });
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var clerk = new P.ApplicationService.ApplicationServiceClient(SiloProcess.As(channel, SiloProcess.Token(CallerRole.Clerk, county: "530102")));
        var queries = new P.QueryService.QueryServiceClient(SiloProcess.As(channel, SiloProcess.Token(CallerRole.Operator)));
        async Task<bool> FoundAsync(string number) =>
            (await queries.SearchApplicationsAsync(new P.SearchApplicationsRequest { CountyPrefix = "530102", PageSize = 100 })).Applications.Any(a => a.Number == number);

        // Orleans' SiloStatus.Active is 3.
        Assert.Equal(1L, await membership.ScalarAsync<long>("select count(*) from orleans_cluster_member where deployment_id = @c and status = 3", ("c", clusterId)));
        Assert.Equal(0L, await Database.ScalarAsync<long>("select count(*) from orleans_cluster_member"));

        var first = (await clerk.SubmitApplicationAsync(Requests.Submit())).Application.Number;
        await Polling.EventuallyAsync(() => FoundAsync(first), found => found, what: "the first application found through the replica");

        // The replica stops replaying: the primary projects the next application, the search does not see it yet.
        await ScalarAsync(replicaDatabase, "select pg_wal_replay_pause()");
        await Polling.EventuallyAsync(() => ScalarAsync(replicaDatabase, "select pg_get_wal_replay_pause_state()"), state => state as string == "paused", what: "replay paused");
        var second = (await clerk.SubmitApplicationAsync(Requests.Submit())).Application.Number;
        await Polling.EventuallyAsync(
            () => Database.ScalarAsync<long>("select count(*) from application_search where number = @n", ("n", second)), count => count == 1, what: "the second application projected on the primary");
        Assert.False(await FoundAsync(second));
        Assert.True(await FoundAsync(first));

        await ScalarAsync(replicaDatabase, "select pg_wal_replay_resume()");
        await Polling.EventuallyAsync(() => FoundAsync(second), found => found, what: "the second application found once the replica caught up");
    }

    private static async Task<object?> ScalarAsync(NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        return await command.ExecuteScalarAsync();
    }
}
