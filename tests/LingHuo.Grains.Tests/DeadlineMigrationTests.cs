using LingHuo.Domain.Cases;
using LingHuo.Grains.Abstractions;
using LingHuo.Persistence;
using LingHuo.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace LingHuo.Grains.Tests;

/// <summary>
/// A database written by the previous main (Orleans' storage provider, one reminder per open application), migrated on:
/// every case stays readable, each open application gets its real next deadline from one sweep, the reminders go, and
/// the deadline is then acted on once.
/// </summary>
public sealed class DeadlineMigrationTests : IAsyncLifetime
{
    private static readonly ApplicationNumber Open = ApplicationNumber.Trusted("530102-20261202-000001");
    private static readonly ApplicationNumber Withdrawn = ApplicationNumber.Trusted("530102-20261202-000002");

    // When the rows were written (Beijing afternoon of 2 December 2026), before any deadline of theirs.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 2, 6, 0, 0, TimeSpan.Zero));
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(migratedThrough: 6);
        await using var load = _database.DataSource.CreateCommand(File.ReadAllText(RepositoryRoot.File("tests/LingHuo.Grains.Tests/Fixtures/written-by-b2d9917.sql")));
        await load.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task StoredCases_KeepEverything_AndTheirDeadlinesMoveFromRemindersToData()
    {
        Assert.Equal(1L, await _database.ScalarAsync<long>("select count(*) from orleans_reminder"));
        var migrator = new Migrator(_database.DataSource, NullLogger<Migrator>.Instance);
        Assert.Equal(1, await migrator.MigrateAsync(through: 7));

        Assert.Equal(0L, await _database.ScalarAsync<long>("select count(*) from orleans_reminder"));
        Assert.Equal(1L, await _database.ScalarAsync<long>("select count(*) from orleans_grain_state where due_at = '-infinity'"));
        Assert.Null(await _database.DueAtAsync(Withdrawn));
        var events = (await _database.EventsAsync(Open)).Count;
        await migrator.MigrateAsync();
        // The event log split by month: every stored event kept, in the month its application was submitted.
        Assert.Equal(["case_events_2026_12"], await _database.ListAsync<string>("select distinct tableoid::regclass::text from case_events"));
        Assert.Equal(events, (await _database.EventsAsync(Open)).Count);

        await using var cluster = await ClusterFixture.DeployAsync(_database.ConnectionString, _clock, silos: 1, serviceId: "linghuo");
        var open = (await cluster.Client.Application(Open).Get()).Application!;
        Assert.Equal(ApplicationStatus.Accepted, open.Status);
        Assert.Equal(ApplicationStatus.Closed, (await cluster.Client.Application(Withdrawn).Get()).Application!.Status);

        // One sweep: nothing was due yet, so no event, only the real next deadline stored.
        await Polling.EventuallyAsync(() => _database.DueAtAsync(Open), due => due == open.NextTimerAt, what: "the real next deadline stored");
        Assert.Equal(events, (await _database.EventsAsync(Open)).Count);

        _clock.SetUtcNow(open.Sla!.Committed.DueSoonFrom.AddMinutes(1));
        await Polling.EventuallyAsync(
            () => _database.EventsAsync(Open), e => e.Count(x => x.Type == nameof(SlaAlertRaised)) == 1, what: "the due-soon alert, once");
    }
}
