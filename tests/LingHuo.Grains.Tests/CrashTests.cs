using LingHuo.Domain.Cases;
using LingHuo.Grains.Abstractions;
using LingHuo.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LingHuo.Grains.Tests;

/// <summary>Real silo processes on PostgreSQL, killed with SIGKILL: an acknowledged command must survive.</summary>
public sealed class CrashTests : OwnDatabase
{
    private readonly string _clusterId = "crash-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task SiloKilledRightAfterAcknowledgingASubmission_LosesNothing()
    {
        Application acknowledged;
        int siloPort, gatewayPort;
        await using (var silo = await SiloProcess.StartAsync(Database.ConnectionString, _clusterId))
        using (var client = await SiloProcess.ConnectAsync(Database.ConnectionString, _clusterId))
        {
            (siloPort, gatewayPort) = (silo.SiloPort, silo.GatewayPort);
            acknowledged = await Grains(client).SubmitAsync(Scenario.Request());
            silo.Kill();
        }

        await using var restarted = await SiloProcess.StartAsync(Database.ConnectionString, _clusterId, siloPort, gatewayPort);
        using var again = await SiloProcess.ConnectAsync(Database.ConnectionString, _clusterId);
        var stored = (await Grains(again).Application(acknowledged.Number).Get()).Application!;

        Assert.Equal(acknowledged.Version, stored.Version);
        Assert.Equal(acknowledged.Status, stored.Status);
        Assert.Equal(acknowledged.Matters.AsEnumerable(), stored.Matters.AsEnumerable());
        Assert.Equal(stored.Version, (await Database.EventsAsync(acknowledged.Number)).Count);
        Assert.Equal(stored.NextTimerAt, await Database.DueAtAsync(acknowledged.Number));
    }

    [Fact]
    public async Task TwoSilos_OneKilled_EveryAcknowledgedSubmissionSurvivesOnTheOther()
    {
        await using var first = await SiloProcess.StartAsync(Database.ConnectionString, _clusterId);
        await using var second = await SiloProcess.StartAsync(Database.ConnectionString, _clusterId);
        using var client = await SiloProcess.ConnectAsync(Database.ConnectionString, _clusterId);
        var grains = Grains(client);

        var acknowledged = new List<Application>();
        for (var i = 0; i < 12; i++)
        {
            acknowledged.Add(await grains.SubmitAsync(Scenario.Request()));
        }

        first.Kill();

        foreach (var application in acknowledged)
        {
            var stored = await Polling.EventuallyAsync(
                async () =>
                {
                    try
                    {
                        return (await grains.Application(application.Number).Get()).Application;
                    }
                    catch (Exception e) when (e is not OutOfMemoryException)
                    {
                        return null; // the killed silo's grains move once it is declared dead
                    }
                },
                a => a is not null,
                TimeSpan.FromSeconds(90),
                $"{application.Number} readable after the kill");
            Assert.Equal(application.Version, stored!.Version);
            Assert.Equal(stored.Version, (await Database.EventsAsync(application.Number)).Count);
        }

        // New work goes on too; like any client, it retries while the dead silo's grains move (same request id).
        var submit = new SubmitApplication(Scenario.NewRequestId(), Scenario.Request());
        var afterwards = await Polling.EventuallyAsync(
            async () =>
            {
                try
                {
                    return await grains.Applicant(submit.Request.IdentityNumber!).Submit(submit);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    return null;
                }
            },
            r => r is not null,
            TimeSpan.FromSeconds(90),
            "a submission after the kill");
        Assert.Equal(ApplicationStatus.Accepted, afterwards!.Application!.Status);
    }

    private static IGrainFactory Grains(IHost client) => client.Services.GetRequiredService<IClusterClient>();
}
