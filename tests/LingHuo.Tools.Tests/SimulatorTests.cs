using LingHuo.Cli;
using LingHuo.Testing;
using P = LingHuo.Protos.V1;

namespace LingHuo.Tools.Tests;

/// <summary>Three simulated departments, each a `linghuo simulate-department`, drive applications to closure.</summary>
[Collection(GatewayCollection.Name)]
public sealed class SimulatorTests(GatewayFixture fixture) : IDisposable
{
    private static int _county = 60 + Random.Shared.Next(30);
    private readonly DirectoryInfo _cursors = Directory.CreateTempSubdirectory("linghuo-sim-");

    private static string NewCounty() => "5302" + Interlocked.Increment(ref _county).ToString("00", System.Globalization.CultureInfo.InvariantCulture);

    private (Task<int> Run, CancellationTokenSource Stop, StringWriter Output) Simulate(string kind, string county, string rejectRate = "0")
    {
        var stop = new CancellationTokenSource();
        var output = new StringWriter();
        var run = Task.Run(() => new CliApp(TextWriter.Synchronized(output), TextWriter.Null).RunAsync(
            ["simulate-department", "--kind", kind, "--jurisdiction", county, "--reject-rate", rejectRate,
             "--cursor-file", Path.Combine(_cursors.FullName, $"{kind}-{county}.cursor"), "--address", fixture.Address,
             "--token", Callers.Department((P.Department)(int)TokenCommands.Department(kind), county)], stop.Token));
        return (run, stop, output);
    }

    private async Task<P.Application> Submit(string county)
    {
        var details = Requests.AllNine();
        details.CountyCode = county;
        return (await fixture.Applications.SubmitApplicationAsync(Requests.Submit(details))).Application;
    }

    private Task<P.Application> ClosedAsync(string number) => Polling.EventuallyAsync(
        async () => (await fixture.Applications.GetApplicationAsync(new P.GetApplicationRequest { Number = number, Purpose = "test: follow to closure" })).Application,
        a => a.Status == P.ApplicationStatus.Closed);

    [Fact]
    public async Task ThreeSimulatedDepartments_DriveANineMatterApplicationToClosure()
    {
        var county = NewCounty();
        var simulators = new[] { Simulate("hrss", county), Simulate("medical", county), Simulate("tax", county) };
        try
        {
            var application = await Submit(county);

            var closed = await ClosedAsync(application.Number);

            Assert.Equal(P.ApplicationOutcome.AllCompleted, closed.Outcome);
            Assert.All(closed.Matters, m => Assert.StartsWith("SIM-", m.Result.Number, StringComparison.Ordinal));
        }
        finally
        {
            await StopAll(simulators);
        }
    }

    [Fact]
    public async Task ARestartedSimulator_ResumesFromItsCursor_AndRedoesNothing()
    {
        var county = NewCounty();
        var first = await Submit(county);
        var medical = Simulate("medical", county);
        await Polling.EventuallyAsync(
            async () => (await fixture.Applications.GetApplicationAsync(new P.GetApplicationRequest { Number = first.Number })).Application,
            a => a.Matters.Single(m => m.Matter == P.Matter.MedicalInsurance).Status == P.MatterStatus.Completed);

        // The simulator moves its cursor just after its last call: stop it once the cursor says so, as an operator would.
        var cursor = Path.Combine(_cursors.FullName, $"medical-{county}.cursor");
        await Polling.EventuallyAsync(() => Task.FromResult(File.Exists(cursor) ? File.ReadAllText(cursor).Trim() : ""), c => c == "1");
        await StopAll([medical]);

        var second = await Submit(county);
        var again = Simulate("medical", county);
        try
        {
            await Polling.EventuallyAsync(
                async () => (await fixture.Applications.GetApplicationAsync(new P.GetApplicationRequest { Number = second.Number })).Application,
                a => a.Matters.Single(m => m.Matter == P.Matter.MedicalInsurance).Status == P.MatterStatus.Completed);
        }
        finally
        {
            await StopAll([again]);
        }

        Assert.Contains("resuming after 1", again.Output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(first.Number, again.Output.ToString().Split("resuming")[1], StringComparison.Ordinal);
    }

    public void Dispose() => _cursors.Delete(recursive: true);

    private static async Task StopAll(IEnumerable<(Task<int> Run, CancellationTokenSource Stop, StringWriter Output)> simulators)
    {
        foreach (var (run, stop, _) in simulators)
        {
            await stop.CancelAsync();
            try
            {
                await run;
            }
            catch (OperationCanceledException)
            {
            }

            stop.Dispose();
        }
    }
}
