using System.Buffers.Binary;
using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using P = LingHuo.Protos.V1;

namespace LingHuo.Cli;

/// <summary>
/// <c>linghuo simulate-department</c>: plays one department's system. It subscribes to its work feed, claims and
/// completes (or rejects) each matter that becomes ready for it, and keeps its cursor in a file so that a restart
/// resumes exactly where it stopped. Request ids are derived from the matter, so work redone after a crash is a retry.
/// </summary>
internal static class SimulateCommand
{
    public static Command Create(CliApp app)
    {
        var kind = new Option<string>("--kind") { Description = "hrss, medical or tax.", Required = true };
        var jurisdiction = new Option<string>("--jurisdiction") { Description = "Division code or prefix.", DefaultValueFactory = _ => "53" };
        var rejectRate = new Option<double>("--reject-rate") { Description = "Share of matters rejected (0..1).", DefaultValueFactory = _ => 0 };
        var delay = new Option<string>("--delay") { Description = "Time spent per matter, e.g. 200ms or 1s.", DefaultValueFactory = _ => "0ms" };
        var cursorFile = new Option<FileInfo>("--cursor-file") { Description = "Where the last processed sequence is kept (default linghuo-sim-KIND-JURISDICTION.cursor)." };
        var command = new Command("simulate-department", "Play a department: claim and complete its matters from its work feed.")
        {
            kind, jurisdiction, rejectRate, delay, cursorFile,
        };

        app.Action(command, async (parse, clients, print, ct) =>
        {
            var department = parse.GetValue(kind)!.ToLowerInvariant() switch
            {
                "hrss" => P.Department.HumanResourcesSocialSecurity,
                "medical" => P.Department.MedicalSecurity,
                "tax" => P.Department.Tax,
                var other => throw new ArgumentException($"Unknown --kind '{other}': hrss, medical or tax."),
            };
            var where = parse.GetValue(jurisdiction)!;
            var rate = parse.GetValue(rejectRate);
            if (rate is < 0 or > 1)
            {
                throw new ArgumentException("--reject-rate must be between 0 and 1.");
            }

            var pause = Duration(parse.GetValue(delay)!);
            var cursor = parse.GetValue(cursorFile) ?? new FileInfo($"linghuo-sim-{parse.GetValue(kind)}-{where}.cursor");
            var simulator = new Simulator(clients, print, department, where, rate, pause, cursor);
            await simulator.RunAsync(ct);
            return 0;
        });
        return command;
    }

    private static TimeSpan Duration(string text) => text.Trim() switch
    {
        var t when t.EndsWith("ms", StringComparison.Ordinal) => TimeSpan.FromMilliseconds(double.Parse(t[..^2], CultureInfo.InvariantCulture)),
        var t when t.EndsWith('s') => TimeSpan.FromSeconds(double.Parse(t[..^1], CultureInfo.InvariantCulture)),
        var t => TimeSpan.Parse(t, CultureInfo.InvariantCulture),
    };

    private sealed class Simulator(Clients clients, Output print, P.Department department, string jurisdiction, double rejectRate, TimeSpan pause, FileInfo cursorFile)
    {
        public async Task RunAsync(CancellationToken cancellationToken)
        {
            var after = ReadCursor();
            print.Line($"{Names.Short(department)} {jurisdiction}: resuming after {after} ({cursorFile.FullName})");
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    using var call = clients.Departments.SubscribeWorkItems(
                        new P.SubscribeWorkItemsRequest { Department = department, Jurisdiction = jurisdiction, AfterSequence = after }, cancellationToken: cancellationToken);
                    await foreach (var item in call.ResponseStream.ReadAllAsync(cancellationToken))
                    {
                        await HandleAsync(item, cancellationToken);
                        after = item.Sequence;
                        WriteCursor(after);
                    }
                }
                catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.ResourceExhausted or StatusCode.Internal or StatusCode.Unknown && !cancellationToken.IsCancellationRequested)
                {
                    // The platform restarts or moves: reconnect from the cursor, which loses nothing.
                    print.Line($"{Names.Short(department)}: {e.StatusCode}, reconnecting after {after}");
                    await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                }
            }
        }

        private async Task HandleAsync(P.SubscribeWorkItemsResponse item, CancellationToken cancellationToken)
        {
            var e = item.Event;
            if (e.Type != "MatterReady" || e.Department != department)
            {
                // Cancellations, withdrawals and SLA alerts need no action from a simulated department; noted only.
                print.Line($"{item.Sequence,6}  {item.ApplicationNumber}  {e.Type} {(e.Matter == P.Matter.Unspecified ? "" : Names.Short(e.Matter))} {e.Reason}".TrimEnd());
                return;
            }

            var (number, matter) = (item.ApplicationNumber, e.Matter);
            try
            {
                await clients.Departments.ClaimMatterAsync(new P.ClaimMatterRequest
                {
                    RequestId = $"sim:claim:{number}:{(int)matter}", Number = number, Matter = matter, Department = department, Handler = "simulator",
                }, cancellationToken: cancellationToken);
                if (pause > TimeSpan.Zero)
                {
                    await Task.Delay(pause, cancellationToken);
                }

                var done = $"sim:done:{number}:{(int)matter}";
                if (Rejects(number, matter))
                {
                    await clients.Departments.RejectMatterAsync(new P.RejectMatterRequest
                    {
                        RequestId = done, Number = number, Matter = matter, Department = department, Reason = "模拟驳回 / simulated rejection",
                    }, cancellationToken: cancellationToken);
                    print.Line($"{item.Sequence,6}  {number}  {Names.Short(matter)}  rejected");
                }
                else
                {
                    await clients.Departments.CompleteMatterAsync(new P.CompleteMatterRequest
                    {
                        RequestId = done, Number = number, Matter = matter, Department = department,
                        Result = new P.MatterResult { Number = $"SIM-{(int)matter}-{number}", Documents = { $"sim://{number}/{(int)matter}" } },
                    }, cancellationToken: cancellationToken);
                    print.Line($"{item.Sequence,6}  {number}  {Names.Short(matter)}  completed");
                }
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.FailedPrecondition or StatusCode.NotFound)
            {
                // Withdrawn or cancelled meanwhile: nothing to do.
                print.Line($"{item.Sequence,6}  {number}  {Names.Short(matter)}  skipped ({ex.StatusCode})");
            }
        }

        // The same answer for the same matter every time, so a redone item after a restart decides alike.
        private bool Rejects(string number, P.Matter matter) =>
            rejectRate > 0 && BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes($"{number}:{(int)matter}"))) / (double)uint.MaxValue < rejectRate;

        private long ReadCursor() =>
            cursorFile.Exists && long.TryParse(File.ReadAllText(cursorFile.FullName).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;

        // Written whole and renamed into place: a crash leaves the old cursor or the new, never half of one.
        private void WriteCursor(long sequence)
        {
            var temporary = cursorFile.FullName + ".tmp";
            File.WriteAllText(temporary, sequence.ToString(CultureInfo.InvariantCulture));
            File.Move(temporary, cursorFile.FullName, overwrite: true);
        }
    }
}
