using LingHuo.Domain.Cases;
using LingHuo.Domain.Catalog;
using LingHuo.Grains.Abstractions;
using LingHuo.Testing;
using Microsoft.Extensions.Time.Testing;

namespace LingHuo.Grains.Tests;

/// <summary>Whole clusters stopped and started again, storage conflicts and outages, each on a database of its own.</summary>
public sealed class DurabilityTests : OwnDatabase
{
    private readonly FakeTimeProvider _clock = new(ClusterFixture.Start);

    [Fact]
    public async Task FullClusterRestart_KeepsStateEventsAndDeadlines()
    {
        ApplicationNumber number;
        Application before;
        await using (var first = await ClusterFixture.DeployAsync(Database.ConnectionString, _clock, silos: 2))
        {
            number = (await first.Client.SubmitAsync(Scenario.Request())).Number;
            var claimed = await first.Client.Application(number).Claim(new ClaimMatter(Scenario.NewRequestId(), Matter.MedicalInsurance, Department.MedicalSecurity, "clerk-7"));
            before = claimed.Application!;
            await first.StopAllSilosAsync();
        }

        await using var second = await ClusterFixture.DeployAsync(Database.ConnectionString, _clock, silos: 2);
        var after = (await second.Client.Application(number).Get()).Application!;

        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Matters.AsEnumerable(), after.Matters.AsEnumerable());
        Assert.Equal(before.Sla, after.Sla);
        Assert.Equal(after.Version, (await Database.EventsAsync(number)).Count);

        // The deadline was durable too: the new cluster raises the alert when its time comes.
        _clock.SetUtcNow(after.Sla!.Committed.DueSoonFrom.AddMinutes(1));
        await Polling.EventuallyAsync(
            () => Database.EventsAsync(number), e => e.Any(x => x.Type == nameof(SlaAlertRaised)), what: "alert after restart");
    }

    [Fact]
    public async Task ConcurrentWriter_ConflictIsRefused_AndTheRetryKeepsBothUpdates()
    {
        await using var cluster = await ClusterFixture.DeployAsync(Database.ConnectionString, _clock, silos: 2);
        var number = (await cluster.Client.SubmitAsync(Scenario.Request())).Number;
        var grain = cluster.Client.Application(number);
        await grain.Claim(new ClaimMatter(Scenario.NewRequestId(), Matter.MedicalInsurance, Department.MedicalSecurity, "clerk-1"));

        // Another writer changes the stored state behind the activation's back.
        await Database.ScalarAsync<int>("""
            update orleans_grain_state
            set payload = convert_to(jsonb_set(convert_from(payload, 'UTF8')::jsonb, '{application,matters,3,handler}', '"other-writer"')::text, 'UTF8'),
                version = version + 1
            where grain_type = 'application' and grain_id_ext = @n
            returning version
            """, ("n", number.Value));

        var claim = new ClaimMatter(Scenario.NewRequestId(), Matter.SocialInsuranceRegistration, Department.HumanResourcesSocialSecurity, "clerk-2");
        await Assert.ThrowsAsync<CaseStorageException>(() => grain.Claim(claim));
        var retried = await grain.Claim(claim);

        Assert.True(retried.IsOk);
        Assert.Equal("other-writer", retried.Application!.MatterOf(Matter.MedicalInsurance)!.Handler);
        Assert.Equal(MatterStatus.Claimed, retried.Application.MatterOf(Matter.SocialInsuranceRegistration)!.Status);
    }

    [Fact]
    public async Task DatabaseDown_CallsFailRetryably_NothingHalfWritten_AndServiceResumesWhenItReturns()
    {
        await using var cluster = await ClusterFixture.DeployAsync(Database.ConnectionString, _clock, silos: 2);
        var number = (await cluster.Client.SubmitAsync(Scenario.Request())).Number;
        var grain = cluster.Client.Application(number);
        var events = await Database.EventsAsync(number);
        var claim = new ClaimMatter(Scenario.NewRequestId(), Matter.MedicalInsurance, Department.MedicalSecurity, "clerk-1");

        await Database.TakeDownAsync();
        try
        {
            await Assert.ThrowsAsync<CaseStorageException>(() => grain.Claim(claim));
        }
        finally
        {
            await Database.BringUpAsync();
        }

        Assert.Equal(events, await Database.EventsAsync(number));
        // A call may still fail retryably while the database comes back (a connection it had broken, a failed load);
        // retrying works.
        var resumed = (await Polling.EventuallyAsync(() => RetryableAsync(() => grain.Claim(claim)), r => r is { IsOk: true }, what: "claim after the database returned"))!;
        Assert.False(resumed.Replayed);
        Assert.Equal(MatterStatus.Claimed, resumed.Application!.MatterOf(Matter.MedicalInsurance)!.Status);
        Assert.Equal(events.Count + 1, (await Database.EventsAsync(number)).Count);
    }

    private static async Task<CaseResult?> RetryableAsync(Func<Task<CaseResult>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (e is CaseStorageException || e.InnerException is CaseStorageException)
        {
            // A failed load fails the activation: Orleans hands it over wrapped in its own exception.
            return null;
        }
    }
}
