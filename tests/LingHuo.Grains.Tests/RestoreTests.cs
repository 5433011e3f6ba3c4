using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using LingHuo.Contracts;
using LingHuo.Testing;
using Npgsql;
using P = LingHuo.Protos.V1;

namespace LingHuo.Grains.Tests;

/// <summary>
/// The restore runbook of docs/operations.md, practised: a base backup taken while the platform serves, the database
/// destroyed, a new server started from the backup, and the platform on it finds everything it had acknowledged; the
/// feeds go on without a gap (a physical backup keeps the transaction ids their positions are made of).
/// </summary>
public sealed class RestoreTests : OwnDatabase
{
    private const string Purpose = "恢复演练核对";

    // What must survive, table by table: each row's identity and content, in a stable order.
    private static readonly string[] Checked =
    [
        "select string_agg(md5(e::text), '' order by id) from case_events e",
        "select string_agg(md5(f::text), '' order by feed_id, sequence) from department_feed_items f",
        "select string_agg(md5(f::text), '' order by id) from department_feeds f",
        "select string_agg(md5(a::text), '' order by id) from access_audit a",
        "select string_agg(md5(g::text), '' order by grain_type, grain_id_ext) from orleans_grain_state g",
    ];

    [Fact]
    public async Task ABackupRestoredIntoAnEmptyServer_HoldsEveryAcknowledgedApplication_Event_FeedItemAndAuditRow()
    {
        var numbers = new List<string>();
        var backup = Path.Combine(Path.GetTempPath(), $"linghuo-backup-{Guid.NewGuid():N}");
        List<string?> before;
        await using var restored = new SecondServer(backup);
        var (first, firstAddress) = await StartAsync(Database.ConnectionString);
        await using (first)
        {
            using var channel = GrpcChannel.ForAddress(firstAddress);
            var clerk = new P.ApplicationService.ApplicationServiceClient(SiloProcess.As(channel, SiloProcess.Token(CallerRole.Clerk, county: "530102")));
            for (var i = 0; i < 5; i++)
            {
                var number = (await clerk.SubmitApplicationAsync(Requests.Submit())).Application.Number;
                await clerk.GetMaterialAsync(new P.GetMaterialRequest { Number = number, Material = P.Material.IdPhoto, Purpose = Purpose }); // an audited read
                numbers.Add(number);
            }

            // Acknowledged means the feed has it too: read it before the backup, as a department would have.
            await FeedAsync(channel, after: 0, until: numbers);

            // The runbook's base backup, taken while the platform serves, once nothing more is being written.
            before = (await Polling.EventuallyAsync(async () => (await SnapshotAsync(Database.ConnectionString), await SnapshotAsync(Database.ConnectionString)), s => s.Item1.SequenceEqual(s.Item2), what: "the data at rest")).Item1;
            Assert.All(before, Assert.NotNull);
            await restored.BackUpAsync();
        }

        // The database is lost; a new server starts from the backup.
        await ServerAsync($"drop database {Database.Name} with (force)");
        var connectionString = await restored.StartAsync(Database.Name);

        Assert.Equal(before, await SnapshotAsync(connectionString));

        var (second, secondAddress) = await StartAsync(connectionString);
        await using (second)
        {
            using var channel = GrpcChannel.ForAddress(secondAddress);
            var clerk = new P.ApplicationService.ApplicationServiceClient(SiloProcess.As(channel, SiloProcess.Token(CallerRole.Clerk, county: "530102")));
            foreach (var number in numbers)
            {
                Assert.Equal(P.ApplicationStatus.Accepted, (await clerk.GetApplicationAsync(new P.GetApplicationRequest { Number = number, Purpose = Purpose })).Application.Status);
            }

            // The department resumes after what it had and finds the next application right after it: no gap, no repeat.
            var cursor = (await FeedAsync(channel, after: 0, until: numbers))[^1].Sequence;
            var next = (await clerk.SubmitApplicationAsync(Requests.Submit())).Application.Number;
            var resumed = await FeedAsync(channel, after: cursor, until: [next]);
            Assert.Equal(cursor + 1, resumed[0].Sequence);
            Assert.Equal(next, resumed[^1].ApplicationNumber);
            var all = await FeedAsync(channel, after: 0, until: [.. numbers, next]);
            Assert.Equal(Enumerable.Range(1, all.Count).Select(i => (long)i), all.Select(i => i.Sequence));
        }
    }

    // A silo on the database; its gRPC address (the port is chosen here: the announcement may follow the ready line).
    private static async Task<(SiloProcess Silo, string Address)> StartAsync(string connectionString)
    {
        var port = FreePorts.Next();
        var silo = await SiloProcess.StartAsync(connectionString, "restore-" + Guid.NewGuid().ToString("N")[..8], environment: new Dictionary<string, string>
        {
            ["LingHuo__Gateway__Port"] = port.ToString(CultureInfo.InvariantCulture),
        });
        return (silo, $"http://127.0.0.1:{port}");
    }

    // 医保's feed for the county, read from after a sequence until it holds every one of the applications.
    private static async Task<List<P.SubscribeWorkItemsResponse>> FeedAsync(GrpcChannel channel, long after, IReadOnlyCollection<string> until)
    {
        var department = SiloProcess.As(channel, SiloProcess.Token(CallerRole.Department, department: Domain.Catalog.Department.MedicalSecurity, jurisdiction: "530102"));
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var call = new P.DepartmentService.DepartmentServiceClient(department).SubscribeWorkItems(
            new P.SubscribeWorkItemsRequest { Department = P.Department.MedicalSecurity, Jurisdiction = "530102", AfterSequence = after }, cancellationToken: deadline.Token);
        var items = new List<P.SubscribeWorkItemsResponse>();
        await foreach (var item in call.ResponseStream.ReadAllAsync(deadline.Token))
        {
            items.Add(item);
            if (until.All(n => items.Any(i => i.ApplicationNumber == n)))
            {
                return items;
            }
        }

        throw new InvalidOperationException("The feed ended early.");
    }

    private static async Task<List<string?>> SnapshotAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var values = new List<string?>();
        foreach (var query in Checked)
        {
            await using var command = dataSource.CreateCommand(query);
            values.Add(await command.ExecuteScalarAsync() as string);
        }

        return values;
    }

    private static async Task ServerAsync(string sql)
    {
        NpgsqlConnection.ClearAllPools();
        await using var server = NpgsqlDataSource.Create(TestDatabase.ServerConnectionString);
        await using var command = server.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
