using System.Collections.Concurrent;
using LingHuo.Domain.Cases;
using LingHuo.Domain.Catalog;
using LingHuo.Grains.Abstractions;
using LingHuo.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LingHuo.Grains.Tests;

/// <summary>
/// Real silo processes on PostgreSQL under a steady load: a silo added, one stopped with SIGTERM, one killed with
/// SIGKILL. Every acknowledged command is counted and then looked for in storage, the log and the stored deadlines
/// (acting on deadlines across a kill is <see cref="DeadlineHandoverTests"/>).
/// </summary>
public sealed class ScaleTests : OwnDatabase
{
    private static readonly TimeSpan CommandPatience = TimeSpan.FromSeconds(90);
    private readonly string _clusterId = "scale-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task AddOne_StopOne_KillOne_UnderLoad_LosesNoAcknowledgedCommand_EventOrDeadline()
    {
        await using var a = await SiloProcess.StartAsync(Database.ConnectionString, _clusterId);
        await using var b = await SiloProcess.StartAsync(Database.ConnectionString, _clusterId);
        using var client = await SiloProcess.ConnectAsync(Database.ConnectionString, _clusterId);
        var grains = client.Services.GetRequiredService<IClusterClient>();
        var management = grains.GetGrain<IManagementGrain>(0);
        await using var load = new Load(grains);

        await load.UntilAcknowledgedAsync(20);

        // Scale out: new activations land on the new silo too.
        await using var c = await SiloProcess.StartAsync(Database.ConnectionString, _clusterId);
        await Polling.EventuallyAsync(() => ApplicationsOnAsync(management, c), active => active.Count > 0, CommandPatience, "applications activated on the added silo");

        // Scale in gracefully: SIGTERM drains the silo and it leaves the cluster cleanly.
        var acknowledgedBeforeStop = load.Count;
        Assert.Equal(0, await b.TerminateAsync(TimeSpan.FromSeconds(60)));
        await load.UntilAcknowledgedAsync(acknowledgedBeforeStop + 10);

        // Power loss: SIGKILL.
        Assert.NotEmpty(await ApplicationsOnAsync(management, a));
        var acknowledgedBeforeKill = load.Count;
        a.Kill();
        await load.UntilAcknowledgedAsync(acknowledgedBeforeKill + 10);
        var acknowledged = await load.StopAsync();

        foreach (var (number, version) in acknowledged)
        {
            var stored = (await Retry(() => grains.Application(ApplicationNumber.Trusted(number)).Get())).Application!;
            Assert.True(stored.Version >= version, $"{number}: acknowledged version {version}, stored {stored.Version}");
            Assert.Equal(stored.Version, (await Database.EventsAsync(stored.Number)).Count);
            Assert.Equal(stored.NextTimerAt, await Database.DueAtAsync(stored.Number));
        }

        Assert.True(acknowledged.Count >= acknowledgedBeforeKill + 10);
    }

    private static async Task<HashSet<string>> ApplicationsOnAsync(IManagementGrain management, SiloProcess silo)
    {
        var hosts = await Retry(() => management.GetHosts(onlyActive: true));
        var address = hosts.Keys.SingleOrDefault(h => h.Endpoint.Port == silo.SiloPort);
        if (address is null)
        {
            return [];
        }

        var statistics = await Retry(() => management.GetDetailedGrainStatistics(hostsIds: [address]));
        return statistics.Where(s => s.GrainType.Contains(nameof(ApplicationGrain), StringComparison.Ordinal))
            .Select(s => s.GrainId.Key.ToString()!)
            .ToHashSet();
    }

    /// <summary>Like any client: a failed call is retried with the same request id until the cluster answers.</summary>
    private static async Task<T> Retry<T>(Func<Task<T>> call)
    {
        var deadline = DateTime.UtcNow + CommandPatience;
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (e is not OutOfMemoryException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Four callers, each submitting an application and then claiming a matter of it, over and over.</summary>
    private sealed class Load : IAsyncDisposable
    {
        private readonly ConcurrentDictionary<string, long> _acknowledged = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly Task[] _callers;

        public Load(IGrainFactory grains) =>
            _callers = [.. Enumerable.Range(0, 4).Select(i => Task.Run(() => RunAsync(grains, i)))];

        public int Count => _acknowledged.Count;

        public Task UntilAcknowledgedAsync(int count) =>
            Polling.EventuallyAsync(() => Task.FromResult(Count), n => n >= count, CommandPatience, $"{count} applications acknowledged");

        public async Task<Dictionary<string, long>> StopAsync()
        {
            await _stop.CancelAsync();
            await Task.WhenAll(_callers);
            return new Dictionary<string, long>(_acknowledged);
        }

        public async ValueTask DisposeAsync()
        {
            if (!_stop.IsCancellationRequested)
            {
                await StopAsync();
            }

            _stop.Dispose();
        }

        private async Task RunAsync(IGrainFactory grains, int caller)
        {
            while (!_stop.IsCancellationRequested)
            {
                var submit = new SubmitApplication(Scenario.NewRequestId(), Scenario.Request());
                var submitted = await Retry(() => grains.Applicant(submit.Request.IdentityNumber!).Submit(submit));
                Assert.True(submitted.IsOk, string.Join("; ", submitted.Refusals));
                var number = submitted.Application!.Number;
                _acknowledged[number.Value] = submitted.Application.Version;

                var claim = new ClaimMatter(Scenario.NewRequestId(), Matter.SocialInsuranceRegistration, Department.HumanResourcesSocialSecurity, "clerk");
                var claimed = await Retry(() => grains.Application(number).Claim(claim));
                Assert.True(claimed.IsOk, string.Join("; ", claimed.Refusals));
                _acknowledged[number.Value] = claimed.Application!.Version;
            }
        }
    }
}
