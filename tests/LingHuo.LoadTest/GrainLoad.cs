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
    /// <paramref name="count"/> open applications with their deadline reminders due 40–100 s after they are written
    /// (copies of one stored application under new numbers, written straight into the tables), then a fresh silo:
    /// how long until it serves, and how late its reminders fire. Run it with that service's silos stopped.
    /// </summary>
    public static async Task<Dictionary<string, object>> RemindersAsync(string connectionString, int count)
    {
        string service;
        double firstDue;
        await using (var database = Npgsql.NpgsqlDataSource.Create(connectionString))
        {
            await using (var find = database.CreateCommand("select service_id from orleans_grain_state where grain_type = 'application' and payload is not null limit 1"))
            {
                service = (string?)await find.ExecuteScalarAsync() ?? throw new InvalidOperationException("No stored application to copy; submit one first.");
            }

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

            await Run("""
                insert into orleans_grain_state (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_ext, payload, version)
                select t.service_id, 'application', 0, 0, '539990-20260101-' || lpad(g::text, 6, '0'), t.payload, 1
                from (select service_id, payload from orleans_grain_state
                      where service_id = $1 and grain_type = 'application' and payload is not null limit 1) t,
                     generate_series(1, $2) g
                on conflict do nothing
                """, service, count);

            // The reminders after the copy, due from 40 s after it: a tick whose time passes before a silo has loaded it
            // waits a whole period (Orleans skips missed ticks), which is what this must not measure.
            await Run("""
                insert into orleans_reminder (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
                select $1, 'application/539990-20260101-' || lpad(g::text, 6, '0'), 'deadlines',
                       now() + interval '40 seconds' + (g % 60) * interval '1 second', 21600000, hashtext(g::text), 0
                from generate_series(1, $2) g
                on conflict (service_id, grain_id, reminder_name) do update set start_time = excluded.start_time
                """, service, count);
            firstDue = (double)(await Run("""
                select extract(epoch from min(r.start_time) - clock_timestamp())::float8
                from generate_series(1, $2) g
                join orleans_reminder r on r.service_id = $1 and r.reminder_name = 'deadlines'
                 and r.grain_id = 'application/539990-20260101-' || lpad(g::text, 6, '0')
                """, service, count))!;
        }

        long delivered = 0, active = 0;
        double maxTardiness = 0;
        var allDelivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name is "orleans-reminders-ticks-delivered" or "orleans-reminders-tardiness" or "orleans-reminders-active")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => Counted(instrument.Name, value));
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => Counted(instrument.Name, value));
        listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
        {
            lock (listener)
            {
                maxTardiness = Math.Max(maxTardiness, value);
            }
        });
        listener.Start();
        void Counted(string instrument, long value)
        {
            if (instrument == "orleans-reminders-active")
            {
                Interlocked.Exchange(ref active, value);
            }
            else if (Interlocked.Add(ref delivered, value) >= count)
            {
                allDelivered.TrySetResult();
            }
        }

        var started = Stopwatch.StartNew();
        using var host = await StartSiloAsync(connectionString, service);
        var ready = started.Elapsed;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"reminders: {count} open applications with reminders, the first due {firstDue:F1} s after start; the silo served after {ready.TotalSeconds:F1} s"));

        // The silo serves before its reminder service has read its range: how long until all are loaded (the gauge).
        var loaded = TimeSpan.Zero;
        while (loaded == TimeSpan.Zero && started.Elapsed < TimeSpan.FromSeconds(180) && !allDelivered.Task.IsCompleted)
        {
            listener.RecordObservableInstruments();
            if (Interlocked.Read(ref active) >= count)
            {
                loaded = started.Elapsed;
            }
            else
            {
                await Task.WhenAny(allDelivered.Task, Task.Delay(200));
            }
        }

        try
        {
            await allDelivered.Task.WaitAsync(TimeSpan.FromTicks(Math.Max(0, (TimeSpan.FromSeconds(180) - started.Elapsed).Ticks)));
        }
        catch (TimeoutException)
        {
            // Reported as fewer fired than due.
        }

        var fired = started.Elapsed;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"reminders: all loaded {loaded.TotalSeconds:F1} s after start; {Interlocked.Read(ref delivered)}/{count} fired by {fired.TotalSeconds:F1} s; the latest fired {maxTardiness:F1} s after it was due"));
        await host.StopAsync();
        return new()
        {
            ["reminders_100k_ready_s"] = Math.Round(ready.TotalSeconds, 1),
            ["reminders_100k_loaded_s"] = Math.Round(loaded.TotalSeconds, 1),
            ["reminders_first_due_s"] = Math.Round(firstDue, 1),
            ["reminders_fired"] = Interlocked.Read(ref delivered),
            ["reminders_due"] = count,
            ["reminders_max_late_s"] = Math.Round(maxTardiness, 1),
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
        };
    }
}
