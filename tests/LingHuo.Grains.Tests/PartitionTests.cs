using LingHuo.Domain.Cases;
using LingHuo.Domain.Catalog;
using LingHuo.Domain.Divisions;
using LingHuo.Grains.Abstractions;
using LingHuo.Persistence.Audit;
using LingHuo.Persistence.EventLog;
using LingHuo.Persistence.Partitions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace LingHuo.Grains.Tests;

/// <summary>
/// case_events and access_audit split by Beijing month: a case's events stay in the month it was submitted, feeds read
/// across months, a month without a partition keeps its rows in the default one, and the audit is dropped only by whole
/// months past a retention of at least three years.
/// </summary>
public sealed class PartitionTests : OwnDatabase
{
    // 1 April 2027, 00:30 in Beijing: still March in UTC, so a UTC month would put the case in the wrong partition.
    private static readonly DateTimeOffset BeijingAprilFirst = new(2027, 3, 31, 16, 30, 0, TimeSpan.Zero);

    // The application an access record names (the audit does not check it exists).
    private static readonly ApplicationNumber Number = ApplicationNumber.Trusted("530102-20270401-000001");

    [Fact]
    public async Task ACase_StaysInTheMonthItWasSubmitted_AndItsFeedReadsItThere()
    {
        var clock = new FakeTimeProvider(BeijingAprilFirst);
        await Keeper(clock).KeepAsync(CancellationToken.None);
        await using var cluster = await ClusterFixture.DeployAsync(Database.ConnectionString, clock, silos: 1);
        var submitted = await cluster.Client.SubmitAsync(Scenario.Request());

        clock.SetUtcNow(BeijingAprilFirst.AddDays(35));
        var withdrawn = await cluster.Client.Application(submitted.Number).Withdraw(new WithdrawApplication(Scenario.NewRequestId(), "moved away"));
        Assert.True(withdrawn.IsOk);

        Assert.Equal(["case_events_2027_04"], await Database.ListAsync<string>(
            "select distinct tableoid::regclass::text from case_events where application_number = @n", ("n", submitted.Number.Value)));
        var months = await Database.ListAsync<DateTime>(
            "select distinct occurred_at from case_events where application_number = @n order by 1", ("n", submitted.Number.Value));
        Assert.Contains(months, at => at > BeijingAprilFirst.AddDays(30).UtcDateTime);

        var feeds = new DepartmentFeeds(Database.DataSource);
        var feed = await feeds.OpenAsync(Department.MedicalSecurity, DivisionCode.Parse("530102"), CancellationToken.None);
        var head = await feeds.AdvanceAsync(feed, CancellationToken.None);
        var items = await feeds.ReadAsync(feed, 0, 100, CancellationToken.None);
        Assert.Equal(head, items.Count);
        Assert.Contains(items, i => i.Number == submitted.Number && i.Event is ApplicationWithdrawn);
    }

    [Fact]
    public async Task AMonthWithoutItsPartition_KeepsItsRowsInTheDefault_AndIsNotCreatedOverThem()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2040, 1, 10, 2, 0, 0, TimeSpan.Zero));
        var audit = new AccessAudit(Database.DataSource, clock);
        await audit.RecordAsync("clerk-1", "test", "clerk", Number, "GetMaterial", "受理审查", CancellationToken.None);

        await Keeper(clock).KeepAsync(CancellationToken.None);

        Assert.Equal(["access_audit_default"], await Database.ListAsync<string>("select distinct tableoid::regclass::text from access_audit"));
        Assert.Null(await Database.ScalarOrNullAsync("select to_regclass('access_audit_2040_01')::text"));
        Assert.NotNull(await Database.ScalarOrNullAsync("select to_regclass('access_audit_2040_02')::text"));
    }

    [Fact]
    public async Task AccessRecords_AreDroppedByWholeMonthsPastTheRetention_AndNeverWithinThreeYears()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2031, 6, 15, 4, 0, 0, TimeSpan.Zero));
        var audit = new AccessAudit(Database.DataSource, clock);
        foreach (var at in new[] { new DateTimeOffset(2028, 5, 20, 4, 0, 0, TimeSpan.Zero), new DateTimeOffset(2028, 6, 20, 4, 0, 0, TimeSpan.Zero) })
        {
            await Database.ScalarOrNullAsync("select linghuo_create_month('access_audit', 'at', linghuo_month_start(@at))", ("at", at));
            await new AccessAudit(Database.DataSource, new FakeTimeProvider(at)).RecordAsync("clerk-1", "test", "clerk", Number, "GetMaterial", "受理审查", CancellationToken.None);
        }

        var refused = await Assert.ThrowsAsync<PostgresException>(() => Keeper(clock, years: 2).KeepAsync(CancellationToken.None));
        Assert.Contains("at least three years", refused.MessageText);
        Assert.Equal(2L, await Database.ScalarAsync<long>("select count(*) from access_audit"));

        // Three years before 15 June 2031: May 2028 ended before it, June 2028 did not.
        var dropped = await Keeper(clock, years: 3).KeepAsync(CancellationToken.None);
        Assert.Contains("access_audit_2028_05", dropped);
        Assert.DoesNotContain("access_audit_2028_06", dropped);
        Assert.Equal([new DateTime(2028, 6, 20, 4, 0, 0, DateTimeKind.Utc)], await Database.ListAsync<DateTime>("select at from access_audit"));
        await audit.RecordAsync("clerk-1", "test", "clerk", Number, "GetMaterial", "受理审查", CancellationToken.None);
        var deleted = await Assert.ThrowsAsync<PostgresException>(() => Database.ScalarOrNullAsync("delete from access_audit_2028_06"));
        Assert.Contains("append-only", deleted.MessageText);
    }

    private PartitionKeeper Keeper(TimeProvider clock, int? years = null) =>
        new(Database.DataSource, clock, new PartitionSettings { AuditRetentionYears = years }, NullLogger<PartitionKeeper>.Instance);
}
