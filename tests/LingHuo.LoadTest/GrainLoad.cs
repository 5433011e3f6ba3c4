using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using LingHuo.Domain;
using LingHuo.Domain.Eligibility;
using LingHuo.Domain.Identity;
using LingHuo.Grains;
using LingHuo.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace LingHuo.LoadTest;

/// <summary>
/// Durable submissions through the grain API from the silo's own client, closed loop with N callers, then the memory
/// of activated application grains. One silo, PostgreSQL on the same machine.
/// </summary>
public static class GrainLoad
{
    private const string Secret = "bGluZ2h1by1sb2FkLXRlc3QtYXBwbGljYW50LWtleS1zZWNyZXQ=";

    public static async Task RunAsync(string connectionString, int callers, int seconds, int activations)
    {
        using var host = await StartSiloAsync(connectionString);
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var keys = ApplicantKeys.FromBase64(Secret);

        var sequence = 0;
        var numbers = new ConcurrentBag<string>();
        async Task<TimeSpan> SubmitOne()
        {
            var request = Request(Interlocked.Increment(ref sequence));
            var key = keys.For(IdentityNumber.Parse(request.IdentityNumber, new DateOnly(2026, 1, 1)).Value!);
            var started = Stopwatch.GetTimestamp();
            var result = await grains.GetGrain<IApplicantGrain>(key).Submit(new SubmitApplication(Guid.NewGuid().ToString("N"), request));
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (!result.IsOk)
            {
                throw new InvalidOperationException(string.Join("; ", result.Refusals));
            }

            numbers.Add(result.Application!.Number);
            return elapsed;
        }

        Console.WriteLine($"warm-up: {callers} callers, 5 s");
        await Drive(callers, TimeSpan.FromSeconds(5), SubmitOne);
        Console.WriteLine($"measuring: {callers} callers, {seconds} s");
        var wall = Stopwatch.StartNew();
        var latencies = await Drive(callers, TimeSpan.FromSeconds(seconds), SubmitOne);
        wall.Stop();

        latencies.Sort();
        var rate = latencies.Count / wall.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"submissions: {latencies.Count} in {wall.Elapsed.TotalSeconds:F1} s = {rate:F0}/s; p50 {Percentile(latencies, 0.50):F1} ms, p99 {Percentile(latencies, 0.99):F1} ms, max {latencies[^1].TotalMilliseconds:F1} ms"));

        // Enough stored applications for the memory measurement, which runs in a fresh process.
        while (numbers.Count < activations)
        {
            await Drive(callers, TimeSpan.FromSeconds(5), SubmitOne);
        }

        await host.StopAsync();
    }

    /// <summary>
    /// RSS and managed heap per activated application grain: a fresh silo process, settled, then
    /// <paramref name="activations"/> stored applications activated by reading their state.
    /// </summary>
    public static async Task MemoryAsync(string connectionString, int activations)
    {
        using var host = await StartSiloAsync(connectionString);
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var numbers = new List<string>();
        await using (var database = Npgsql.NpgsqlDataSource.Create(connectionString))
        await using (var command = database.CreateCommand($"select grain_id_ext from orleans_grain_state where grain_type = 'application' limit {activations + 100}"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                numbers.Add(reader.GetString(0));
            }
        }

        // Warm the code paths on a hundred grains that are not counted.
        await Activate(grains, numbers.Take(100));
        var (rssBefore, heapBefore) = Measure();
        var counted = numbers.Skip(100).Take(activations).ToList();
        await Activate(grains, counted);
        var (rssAfter, heapAfter) = Measure();
        var count = await grains.GetGrain<IManagementGrain>(0).GetTotalActivationCount();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"activations: {counted.Count} application grains ({count} activations in all): RSS +{(rssAfter - rssBefore) / (double)counted.Count:F0} B/grain, managed heap +{(heapAfter - heapBefore) / (double)counted.Count:F0} B/grain"));
        await host.StopAsync();
    }

    private static Task Activate(IGrainFactory grains, IEnumerable<string> numbers) =>
        Parallel.ForEachAsync(numbers, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (number, _) =>
            await grains.GetGrain<IApplicationGrain>(number).Get());

    private static async Task<IHost> StartSiloAsync(string connectionString)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["LingHuo:Applicants:KeySecret"] = Secret });
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("load-" + Environment.ProcessId, "linghuo-load"));
            silo.ConfigureEndpoints(IPAddress.Loopback, 21111, 31000);
            silo.UseLingHuoPostgres(connectionString);
            silo.AddLingHuoCases(builder.Configuration);
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task<List<TimeSpan>> Drive(int callers, TimeSpan duration, Func<Task<TimeSpan>> call)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var perCaller = await Task.WhenAll(Enumerable.Range(0, callers).Select(async _ =>
        {
            var mine = new List<TimeSpan>();
            while (Stopwatch.GetTimestamp() < until)
            {
                mine.Add(await call());
            }

            return mine;
        }));
        return [.. perCaller.SelectMany(l => l)];
    }

    private static double Percentile(List<TimeSpan> sorted, double p) =>
        sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)].TotalMilliseconds;

    private static (long Rss, long Heap) Measure()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        using var self = Process.GetCurrentProcess();
        return (self.WorkingSet64, GC.GetTotalMemory(forceFullCollection: true));
    }

    /// <summary>A valid, distinct nine-matter online application for applicant number <paramref name="n"/>.</summary>
    private static ApplicationRequest Request(int n)
    {
        var birth = new DateOnly(1980, 1, 1).AddDays(n % 9_000);
        var first17 = "5301" + (n / 9_000 % 100).ToString("00", CultureInfo.InvariantCulture)
            + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + (n / 900_000 % 1000).ToString("000", CultureInfo.InvariantCulture);
        return new ApplicationRequest
        {
            IdentityNumber = first17 + IdentityNumber.CheckCharacter(first17),
            Facts = new ApplicantFacts { EmploymentForm = EmploymentForm.OtherFlexibleEmployment },
            Channel = Channel.Online,
            CountyCode = "5301" + (11 + (n % 20)).ToString("00", CultureInfo.InvariantCulture),
            Matters = Matters.All,
            Materials =
            [
                new(Material.ApplicationForm, MaterialSource.Upload),
                new(Material.IdentityDocument, MaterialSource.DataSharing),
                new(Material.IdPhoto, MaterialSource.Upload),
            ],
            ContributionBase = 5000m,
            PaymentCycle = PaymentCycle.Monthly,
        };
    }
}
