using System.Diagnostics;
using System.Globalization;
using LingHuo.Contracts;
using LingHuo.Domain.Identity;
using P = LingHuo.Protos.V1;

namespace LingHuo.LoadTest;

/// <summary>
/// Unary RPCs over real HTTP/2 from this separate process, closed loop: a trivial in-memory RPC (the ceiling),
/// GetApplication on existing cases, and durable SubmitApplication.
/// </summary>
public static class GrpcLoad
{
    /// <summary>
    /// Closed loop with <paramref name="callers"/> callers, or, when <paramref name="rate"/> is positive, open loop at that
    /// many calls a second. Prints one line, and with <paramref name="json"/> also one JSON object of flat figures.
    /// </summary>
    public static async Task<Latencies> RunAsync(
        string address, string scenario, int callers, int seconds, double rate = 0, bool json = false, int warmupSeconds = 10, Tokens? tokens = null)
    {
        tokens ??= Tokens.FromEnvironment();
        // A few channels, each balanced over every gateway given (comma-separated); HTTP/2 multiplexes the callers.
        var channels = Enumerable.Range(0, 4).Select(_ => GatewayChannels.For(address)).ToArray();
        var applications = channels.Select(c => new P.ApplicationService.ApplicationServiceClient(tokens.Over(c))).ToArray();
        var calendars = channels.Select(c => new P.CalendarService.CalendarServiceClient(tokens.Over(c))).ToArray();
        var next = FirstApplicant(0);

        Func<long, Task> call;
        switch (scenario)
        {
            case "trivial":
                call = async i => await calendars[(int)(i % 4)].ListLoadedYearsAsync(new P.ListLoadedYearsRequest());
                break;
            case "submit":
                call = async i => await applications[(int)(i % 4)].SubmitApplicationAsync(Submit(Interlocked.Increment(ref next)));
                break;
            case "get" or "read" or "mixed":
                var numbers = new List<string>();
                for (var i = 0; i < 200; i++)
                {
                    numbers.Add((await applications[0].SubmitApplicationAsync(Submit(Interlocked.Increment(ref next)))).Application.Number);
                }

                Func<long, Task> read = async i => await applications[(int)(i % 4)].GetApplicationAsync(new P.GetApplicationRequest { Number = numbers[Random.Shared.Next(numbers.Count)] });

                // Mixed: what a portal sees in the rush, one filing for every nine status reads.
                call = scenario == "mixed"
                    ? async i => await (i % 10 == 0 ? applications[(int)(i % 4)].SubmitApplicationAsync(Submit(Interlocked.Increment(ref next))).ResponseAsync : read(i))
                    : read;
                break;
            default:
                throw new ArgumentException($"Unknown scenario {scenario}: trivial, get (read), submit or mixed.");
        }

        // Warm-up long enough for tiered JIT and dynamic PGO to settle: shorter runs measured the compiler, not the platform.
        await Offered.ByCallersAsync(callers, TimeSpan.FromSeconds(warmupSeconds), call);
        var wall = Stopwatch.StartNew();
        var latencies = new Latencies();
        using (Progress(latencies, wall))
        {
            await (rate > 0
                ? Offered.AtRateAsync(rate, TimeSpan.FromSeconds(seconds), call, latencies)
                : Offered.ByCallersAsync(callers, TimeSpan.FromSeconds(seconds), call, latencies));
        }

        wall.Stop();
        var how = rate > 0 ? string.Create(CultureInfo.InvariantCulture, $"{rate:F0}/s offered") : $"{callers} callers";
        Console.WriteLine($"{latencies.Line(scenario, wall.Elapsed)} ({how})");
        if (json)
        {
            var figures = latencies.Summary(scenario, wall.Elapsed);
            figures["offered_per_s"] = rate;
            figures["callers"] = rate > 0 ? 0 : callers;
            Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(figures));
        }
        foreach (var channel in channels)
        {
            channel.Dispose();
        }

        return latencies;
    }

    /// <summary>A line on stderr every 5 s while a run goes on: calls so far, their rate, the p99 so far.</summary>
    public static IDisposable Progress(Latencies latencies, Stopwatch wall)
    {
        ArgumentNullException.ThrowIfNull(latencies);
        ArgumentNullException.ThrowIfNull(wall);
        return new Timer(_ => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {wall.Elapsed.TotalSeconds:F0} s: {latencies.Count} calls, {latencies.Count / wall.Elapsed.TotalSeconds:F0}/s, p99 so far {latencies.Percentile(99):F1} ms")),
            null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
    }

    /// <summary>
    /// Where a scenario starts numbering its applicants: each scenario has its own band of 100 million (the identities
    /// <see cref="Submit"/> makes are distinct below 900 million), so the scenarios of one run never file twice for the
    /// same person, which the one-open-application rule would refuse.
    /// </summary>
    public static long FirstApplicant(int band) => (band * 100_000_000L) + Random.Shared.Next(90_000_000);

    public static P.SubmitApplicationRequest Submit(long n)
    {
        var birth = new DateOnly(1980, 1, 1).AddDays((int)(n % 9_000));
        return new P.SubmitApplicationRequest
        {
            RequestId = Guid.NewGuid().ToString("N"),
            Details = new P.ApplicationDetails
            {
                IdentityNumber = IdentityNumber.Compose("5302" + (n / 9_000 % 100).ToString("00", CultureInfo.InvariantCulture), birth, (int)(n / 900_000 % 1000)),
                Declaration = new P.ApplicantDeclaration { EmploymentForm = P.EmploymentForm.OtherFlexibleEmployment },
                Channel = P.Channel.Online,
                // Counties of their own (539901–539920), so load runs never mix with anything else in a shared database.
                CountyCode = "5399" + (1 + (n % 20)).ToString("00", CultureInfo.InvariantCulture),
                Matters = { Enum.GetValues<P.Matter>().Skip(1) },
                Materials =
                {
                    new P.ProvidedMaterial { Material = P.Material.ApplicationForm, Source = P.MaterialSource.Upload, Reference = "form" },
                    new P.ProvidedMaterial { Material = P.Material.IdentityDocument, Source = P.MaterialSource.DataSharing, Reference = "id" },
                    new P.ProvidedMaterial { Material = P.Material.IdPhoto, Source = P.MaterialSource.Upload, Reference = "photo" },
                },
                ContributionBase = "5000",
                PaymentCycle = P.PaymentCycle.Monthly,
                Pledge = new P.Pledge { Agreed = true, Version = "2026-01" },
                ApplicantName = "张三",
            },
        };
    }
}
