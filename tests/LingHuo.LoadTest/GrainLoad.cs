using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using LingHuo.Domain.Catalog;
using LingHuo.Domain.Eligibility;
using LingHuo.Domain.Identity;
using LingHuo.Domain.Intake;
using LingHuo.Domain.Premiums;
using LingHuo.Grains;
using LingHuo.Grains.Abstractions;
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

            numbers.Add(result.Application!.Number.Value);
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
    /// RSS and managed heap per activated application grain: a fresh silo process of the service whose applications are
    /// stored (stop that service's silos first), settled, then <paramref name="activations"/> of them activated by
    /// reading their state.
    /// </summary>
    public static async Task<Dictionary<string, object>> MemoryAsync(string connectionString, int activations)
    {
        var numbers = new List<string>();
        string? service = null;
        await using (var database = Npgsql.NpgsqlDataSource.Create(connectionString))
        await using (var command = database.CreateCommand("""
            select service_id, grain_id_ext from orleans_grain_state
            where grain_type = 'application' and payload is not null
              and service_id = (select service_id from orleans_grain_state where grain_type = 'application' limit 1)
            limit $1
            """))
        {
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = activations + 100 });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                service = reader.GetString(0);
                numbers.Add(reader.GetString(1));
            }
        }

        if (service is null || numbers.Count <= 100)
        {
            throw new InvalidOperationException("Too few stored applications to measure; submit some first.");
        }

        using var host = await StartSiloAsync(connectionString, service);
        var grains = host.Services.GetRequiredService<IGrainFactory>();

        // Warm the code paths on a hundred grains that are not counted.
        await Activate(grains, numbers.Take(100));
        var (rssBefore, heapBefore) = Measure();
        var counted = numbers.Skip(100).Take(activations).ToList();
        await Activate(grains, counted);
        var (rssAfter, heapAfter) = Measure();
        var count = await grains.GetGrain<IManagementGrain>(0).GetTotalActivationCount();
        var heapPerGrain = (heapAfter - heapBefore) / (double)counted.Count;
        var rssPerGrain = (rssAfter - rssBefore) / (double)counted.Count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"activations: {counted.Count} application grains ({count} activations in all): RSS +{rssPerGrain:F0} B/grain, managed heap +{heapPerGrain:F0} B/grain"));
        await host.StopAsync();
        return new() { ["heap_bytes_per_grain"] = Math.Round(heapPerGrain), ["rss_bytes_per_grain"] = Math.Round(rssPerGrain), ["memory_grains"] = counted.Count };
    }

    /// <summary>
    /// <paramref name="count"/> open applications whose next deadline falls 40–100 s after they are written (copies of
    /// one stored application under new numbers, written straight into the table), then a fresh silo: how long until it
    /// serves, how long until every deadline was acted on (its grain woken and its row written), and how late the latest
    /// was. Run it with that service's silos stopped.
    /// </summary>
    public static async Task<Dictionary<string, object>> DeadlinesAsync(string connectionString, int count)
    {
        string service;
        double firstDue;
        await using var database = Npgsql.NpgsqlDataSource.Create(connectionString);
        async Task<object?> Run(string sql, params object[] values)
        {
            await using var command = database.CreateCommand(sql);
            foreach (var value in values)
            {
                command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = value });
            }

            command.CommandTimeout = 300;
            return await command.ExecuteScalarAsync();
        }

        service = (string?)await Run("select service_id from orleans_grain_state where grain_type = 'application' and payload is not null limit 1")
            ?? throw new InvalidOperationException("No stored application to copy; submit one first.");

        // Due from 40 s after the copy, so that the silo has started before the first falls due. The copies' documents
        // hold no next deadline (as rows written before deadlines were data): a woken grain finds nothing due yet, so
        // it writes its real next deadline, days on: one write per deadline, as acting on a real one costs.
        await Run("""
            insert into orleans_grain_state (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_ext, payload, version, due_at)
            select t.service_id, 'application', 0, 0, '539990-20260101-' || lpad(g::text, 6, '0'), t.payload, 1,
                   now() + interval '40 seconds' + (g % 60) * interval '1 second'
            from (select service_id, convert_to((convert_from(payload, 'UTF8')::jsonb - 'dueAt')::text, 'UTF8') as payload
                  from orleans_grain_state
                  where service_id = $1 and grain_type = 'application' and payload is not null limit 1) t,
                 generate_series(1, $2) g
            on conflict do nothing
            """, service, count);
        var copied = (DateTime)(await Run("select min(due_at) - interval '40 seconds' from orleans_grain_state where grain_id_ext like '539990-20260101-%'"))!;
        firstDue = (double)(await Run("select extract(epoch from min(due_at) - clock_timestamp())::float8 from orleans_grain_state where grain_id_ext like '539990-20260101-%'"))!;

        var started = Stopwatch.StartNew();
        using var host = await StartSiloAsync(connectionString, service);
        var ready = started.Elapsed;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"deadlines: {count} open applications with deadlines, the first due {firstDue:F1} s after start; the silo served after {ready.TotalSeconds:F1} s"));

        // An acted-on row has been written since the copy (its version moved on); how late: its write against its due
        // time, which its number gives (40 s + number mod 60 after the copy).
        long swept = 0;
        double maxLate = 0;
        while (started.Elapsed < TimeSpan.FromSeconds(firstDue + 120))
        {
            await using var command = database.CreateCommand("""
                select count(*) filter (where version > 1),
                       coalesce(extract(epoch from max(modified_at - ($1 + interval '40 seconds'
                           + (substring(grain_id_ext from 17)::int % 60) * interval '1 second')) filter (where version > 1)), 0)::float8
                from orleans_grain_state where grain_id_ext like '539990-20260101-%'
                """);
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = copied });
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            (swept, maxLate) = (reader.GetInt64(0), reader.GetDouble(1));
            if (swept >= count)
            {
                break;
            }

            await Task.Delay(500);
        }

        var done = started.Elapsed;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"deadlines: {swept}/{count} acted on (woken, written) by {done.TotalSeconds:F1} s; the latest {maxLate:F1} s after it was due"));
        await host.StopAsync();
        return new()
        {
            ["deadlines_100k_ready_s"] = Math.Round(ready.TotalSeconds, 1),
            ["deadlines_first_due_s"] = Math.Round(firstDue, 1),
            ["deadlines_swept"] = swept,
            ["deadlines_due"] = count,
            ["deadlines_max_late_s"] = Math.Round(maxLate, 1),
        };
    }

    private static Task Activate(IGrainFactory grains, IEnumerable<string> numbers) =>
        Parallel.ForEachAsync(numbers, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (number, _) =>
            await grains.GetGrain<IApplicationGrain>(number).Get());

    private static async Task<IHost> StartSiloAsync(string connectionString, string service = "linghuo-load")
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["LingHuo:Applicants:KeySecret"] = Secret });
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("load-" + Environment.ProcessId, service));
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
        return new ApplicationRequest
        {
            IdentityNumber = IdentityNumber.Compose("5301" + (n / 9_000 % 100).ToString("00", CultureInfo.InvariantCulture), birth, n / 900_000 % 1000),
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
            PledgeVersion = "2026-01",
            ApplicantName = "张三",
        };
    }
}
