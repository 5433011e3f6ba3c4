using System.Diagnostics;
using LingHuo.Domain.Cases;
using LingHuo.Domain.Catalog;
using LingHuo.Domain.Intake;
using LingHuo.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LingHuo.Grains.Tests;

/// <summary>
/// Deadlines whose moment passes while no silo runs. Applications are opened on a real silo process that is then
/// SIGKILLed; two silos take its place with their clocks 60 days on (faketime), the second joining while the first
/// already sweeps, so the ring moves under it. Every supplement notice must expire and every SLA alert be raised within
/// seconds of the first being up, and each exactly once.
/// </summary>
public sealed class DeadlineHandoverTests : OwnDatabase
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Later = TimeSpan.FromDays(60);
    private readonly string _clusterId = "handover-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task DeadlinesThatPassedWhileTheClusterWasDown_AreActedOnWithinSecondsOfTheRestart_Once()
    {
        List<ApplicationNumber> accepted = [], awaitingSupplement = [];
        await using (var first = await SiloProcess.StartAsync(Database.ConnectionString, _clusterId))
        using (var client = await SiloProcess.ConnectAsync(Database.ConnectionString, _clusterId))
        {
            var grains = client.Services.GetRequiredService<IClusterClient>();
            for (var i = 0; i < 8; i++)
            {
                accepted.Add((await grains.SubmitAsync(Scenario.Request())).Number);
                var incomplete = Scenario.Request(matters: [Matter.MedicalInsurance]) with { Materials = [new(Material.ApplicationForm, MaterialSource.Upload)] };
                var opened = await grains.SubmitAsync(incomplete);
                Assert.Equal(ApplicationStatus.SupplementRequired, opened.Status);
                awaitingSupplement.Add(opened.Number);
            }

            first.Kill();
        }

        await using var restarted = await SiloProcess.StartAsync(Database.ConnectionString, _clusterId, clockAhead: Later);
        var up = Stopwatch.StartNew();
        var joining = SiloProcess.StartAsync(Database.ConnectionString, _clusterId, clockAhead: Later);
        try
        {
            var alertsEach = Enum.GetValues<SlaAlert>().Length;
            await Polling.EventuallyAsync(
                () => CountAsync(accepted, nameof(SlaAlertRaised)),
                n => n >= accepted.Count * alertsEach,
                Bound,
                "every SLA alert raised after the restart");
            await Polling.EventuallyAsync(
                () => CountAsync(awaitingSupplement, nameof(ApplicationClosed)),
                n => n >= awaitingSupplement.Count,
                Bound - up.Elapsed,
                "every overdue supplement notice expired after the restart");
            var actedWithin = up.Elapsed;

            // Once each: with no deadline left to sweep, nothing can act on them again.
            await joining;
            await Polling.EventuallyAsync(
                () => Database.ScalarAsync<long>(
                    "select count(*) from orleans_grain_state where grain_type = 'application' and due_at is not null and grain_id_ext = any(@numbers)",
                    ("numbers", accepted.Concat(awaitingSupplement).Select(n => n.Value).ToArray())),
                n => n == 0,
                what: "no deadline left");
            foreach (var number in accepted)
            {
                Assert.Equal(alertsEach, (await Database.EventsAsync(number)).Count(e => e.Type == nameof(SlaAlertRaised)));
            }

            foreach (var number in awaitingSupplement)
            {
                Assert.Single(await Database.EventsAsync(number), e => e.Type == nameof(ApplicationClosed));
            }

            Assert.True(actedWithin < Bound, $"acted on within {actedWithin}");
        }
        finally
        {
            await (await joining).DisposeAsync();
        }
    }

    private Task<long> CountAsync(IEnumerable<ApplicationNumber> numbers, string type) =>
        Database.ScalarAsync<long>(
            "select count(*) from case_events where application_number = any(@numbers) and event_type = @type",
            ("numbers", numbers.Select(n => n.Value).ToArray()),
            ("type", type));
}
