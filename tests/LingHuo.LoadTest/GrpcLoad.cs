using System.Diagnostics;
using System.Globalization;
using Google.Protobuf;
using Grpc.Net.Client;
using LingHuo.Protos;
using LingHuo.Domain.Identity;
using P = LingHuo.Protos.V1;

namespace LingHuo.LoadTest;

/// <summary>
/// Unary RPCs over real HTTP/2 from this separate process, closed loop: a trivial in-memory RPC (the ceiling),
/// GetApplication on existing cases, and durable SubmitApplication.
/// </summary>
public static class GrpcLoad
{
    public static async Task RunAsync(string address, string scenario, int callers, int seconds)
    {
        // A few channels, each balanced over every gateway given (comma-separated); HTTP/2 multiplexes the callers.
        var channels = Enumerable.Range(0, 4).Select(_ => GatewayChannels.For(address)).ToArray();
        var applications = channels.Select(c => new P.ApplicationService.ApplicationServiceClient(Tokens.Over(c))).ToArray();
        var calendars = channels.Select(c => new P.CalendarService.CalendarServiceClient(Tokens.Over(c))).ToArray();
        var next = Random.Shared.Next(1_000_000);

        Func<int, Task> call;
        switch (scenario)
        {
            case "trivial":
                call = async i => await calendars[i % 4].ListLoadedYearsAsync(new P.ListLoadedYearsRequest());
                break;
            case "submit":
                call = async i => await applications[i % 4].SubmitApplicationAsync(Submit(Interlocked.Increment(ref next)));
                break;
            case "get":
                var numbers = new List<string>();
                for (var i = 0; i < 200; i++)
                {
                    numbers.Add((await applications[0].SubmitApplicationAsync(Submit(Interlocked.Increment(ref next)))).Application.Number);
                }

                call = async i => await applications[i % 4].GetApplicationAsync(new P.GetApplicationRequest { Number = numbers[Random.Shared.Next(numbers.Count)] });
                break;
            default:
                throw new ArgumentException($"Unknown scenario {scenario}: trivial, get or submit.");
        }

        // Warm-up long enough for tiered JIT and dynamic PGO to settle: shorter runs measured the compiler, not the platform.
        await Drive(callers, TimeSpan.FromSeconds(10), call);
        var wall = Stopwatch.StartNew();
        var latencies = await Drive(callers, TimeSpan.FromSeconds(seconds), call);
        wall.Stop();
        latencies.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{scenario}: {latencies.Count / wall.Elapsed.TotalSeconds:F0}/s with {callers} callers; p50 {Percentile(latencies, 0.50):F2} ms, p99 {Percentile(latencies, 0.99):F2} ms"));
        foreach (var channel in channels)
        {
            channel.Dispose();
        }
    }

    private static async Task<List<double>> Drive(int callers, TimeSpan duration, Func<int, Task> call)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var perCaller = await Task.WhenAll(Enumerable.Range(0, callers).Select(async caller =>
        {
            var mine = new List<double>();
            while (Stopwatch.GetTimestamp() < until)
            {
                var started = Stopwatch.GetTimestamp();
                await call(caller);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return mine;
        }));
        return [.. perCaller.SelectMany(l => l)];
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    public static P.SubmitApplicationRequest Submit(int n)
    {
        var birth = new DateOnly(1980, 1, 1).AddDays(n % 9_000);
        var first17 = "5302" + (n / 9_000 % 100).ToString("00", CultureInfo.InvariantCulture)
            + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + (n / 900_000 % 1000).ToString("000", CultureInfo.InvariantCulture);
        return new P.SubmitApplicationRequest
        {
            RequestId = Guid.NewGuid().ToString("N"),
            Details = new P.ApplicationDetails
            {
                IdentityNumber = first17 + IdentityNumber.CheckCharacter(first17),
                Declaration = new P.ApplicantDeclaration { EmploymentForm = P.EmploymentForm.OtherFlexibleEmployment },
                Channel = P.Channel.Online,
                CountyCode = "5301" + (11 + (n % 20)).ToString("00", CultureInfo.InvariantCulture),
                Matters = { Enum.GetValues<P.Matter>().Skip(1) },
                Materials =
                {
                    new P.ProvidedMaterial { Material = P.Material.ApplicationForm, Source = P.MaterialSource.Upload, Reference = "form" },
                    new P.ProvidedMaterial { Material = P.Material.IdentityDocument, Source = P.MaterialSource.DataSharing, Reference = "id" },
                    new P.ProvidedMaterial { Material = P.Material.IdPhoto, Source = P.MaterialSource.Upload, Reference = "photo" },
                },
                ContributionBase = "5000",
                PaymentCycle = P.PaymentCycle.Monthly,
            },
        };
    }
}
