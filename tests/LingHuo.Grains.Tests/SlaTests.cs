using LingHuo.Domain.Cases;
using LingHuo.Domain.Catalog;
using LingHuo.Domain.Intake;
using LingHuo.Grains.Abstractions;
using LingHuo.Testing;

namespace LingHuo.Grains.Tests;

/// <summary>Deadlines as data in PostgreSQL, swept by the silos, driven by the fake business clock.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SlaTests(ClusterFixture fixture)
{
    private readonly IClusterClient _client = fixture.Client;

    private Task<List<(long Sequence, string Type)>> Alerts(ApplicationNumber number) =>
        fixture.Database.EventsAsync(number).ContinueWith(t => t.Result.Where(e => e.Type == nameof(SlaAlertRaised)).ToList(), TaskScheduler.Default);

    [Fact]
    public async Task Acceptance_StoresTheNextDeadlineInTheSameWrite_AndClosingClearsIt()
    {
        var accepted = await _client.SubmitAsync(Scenario.Request());
        Assert.Equal(accepted.Sla!.Committed.DueSoonFrom, await fixture.Database.DueAtAsync(accepted.Number));
        Assert.Equal(accepted.NextTimerAt, accepted.Sla.Committed.DueSoonFrom);

        await _client.Application(accepted.Number).Withdraw(new WithdrawApplication(Scenario.NewRequestId(), ""));

        Assert.Null(await fixture.Database.DueAtAsync(accepted.Number));
    }

    [Fact]
    public async Task Alerts_AreRaisedOnceEach_AcrossDeactivation()
    {
        var application = await _client.SubmitAsync(Scenario.Request());
        var sla = application.Sla!;

        fixture.Clock.SetUtcNow(Max(fixture.Clock.GetUtcNow(), sla.Committed.DueSoonFrom.AddMinutes(1)));
        await Polling.EventuallyAsync(() => Alerts(application.Number), a => a.Count >= 1, what: "due-soon alert");

        // Every activation goes; the next one must not raise the same alert again.
        await _client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        fixture.Clock.SetUtcNow(Max(fixture.Clock.GetUtcNow(), sla.Committed.At.AddMinutes(1)));
        var alerts = await Polling.EventuallyAsync(() => Alerts(application.Number), a => a.Count >= 2, what: "breach alert");

        var raised = (await _client.Application(application.Number).Get()).Application!.RaisedAlerts;
        Assert.True(raised.Contains(SlaAlert.CommittedDueSoon) && raised.Contains(SlaAlert.CommittedBreached));
        Assert.Equal(2, alerts.Count);
        Assert.Equal(alerts.Select(a => a.Sequence).Distinct().Count(), alerts.Count);
    }

    [Fact]
    public async Task SupplementNotice_ExpiresByItself_ClosingAsSupplementOverdue()
    {
        var request = Scenario.Request(matters: [Matter.MedicalInsurance]) with { Materials = [new(Material.ApplicationForm, MaterialSource.Upload)] };
        var opened = await _client.SubmitAsync(request);
        Assert.Equal(ApplicationStatus.SupplementRequired, opened.Status);

        fixture.Clock.SetUtcNow(Max(fixture.Clock.GetUtcNow(), opened.SupplementDeadline!.Value.At.AddMinutes(1)));

        var closed = await Polling.EventuallyAsync(
            async () => (await _client.Application(opened.Number).Get()).Application!,
            a => a.IsClosed,
            what: "supplement expiry");
        Assert.Equal(ApplicationOutcome.SupplementOverdue, closed.Outcome);
        Assert.Null(await fixture.Database.DueAtAsync(opened.Number));
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
