using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using Npgsql;
using P = LingHuo.Protos.V1;

namespace LingHuo.LoadTest;

/// <summary>
/// Department feed figures: catching up a backlog of synthetic events written straight into the log (the feed's
/// sequencing and streaming, not the submissions, are measured), then the latency from a submission's acknowledgement
/// to the delivery of its work item to a live subscriber.
/// </summary>
public static class FeedLoad
{
    private const string LiveCounty = "539998";

    public static async Task<Dictionary<string, object>> RunAsync(string address, string connectionString, int backlog, int live, Tokens? tokens = null)
    {
        tokens ??= Tokens.FromEnvironment();
        using var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { MaxReceiveMessageSize = null });
        var departments = new P.DepartmentService.DepartmentServiceClient(tokens.Over(channel));

        // A backlog in a county no one submits in: one MatterReady for the medical department per synthetic application.
        await using (var database = NpgsqlDataSource.Create(connectionString))
        await using (var insert = database.CreateCommand("""
            insert into case_events (application_number, sequence, event_type, county_code, occurred_at, payload, submitted_at)
            select '539999-20260101-' || lpad(g::text, 6, '0'), 1, 'MatterReady', '539999', now(),
                   jsonb_build_object('type', 'MatterReady', 'sequence', 1, 'at', now(), 'matter', 'MedicalInsurance', 'department', 'MedicalSecurity'), now()
            from generate_series(1, @count) g
            on conflict do nothing
            """))
        {
            insert.Parameters.AddWithValue("count", backlog);
            await insert.ExecuteNonQueryAsync();
        }

        var watch = Stopwatch.StartNew();
        var received = 0;
        using (var call = departments.SubscribeWorkItems(new P.SubscribeWorkItemsRequest { Department = P.Department.MedicalSecurity, Jurisdiction = "539999" }))
        {
            await foreach (var _ in call.ResponseStream.ReadAllAsync())
            {
                if (++received == backlog)
                {
                    break;
                }
            }
        }

        var catchUp = watch.Elapsed;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"catch-up: {backlog} events in {catchUp.TotalSeconds:F2} s = {backlog / catchUp.TotalSeconds:F0} events/s to one subscriber"));

        // Live: one subscriber on a fresh county. A new feed first reads the whole log for its jurisdiction, so one
        // submission is delivered before the clock starts; then 100 submissions a second, each timed from its
        // acknowledgement to its delivery.
        var warmUp = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var caughtUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var acknowledged = new ConcurrentDictionary<string, long>();
        var latencies = new ConcurrentBag<double>();
        var allDelivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        using var subscription = departments.SubscribeWorkItems(
            new P.SubscribeWorkItemsRequest { Department = P.Department.MedicalSecurity, Jurisdiction = LiveCounty }, cancellationToken: stop.Token);
        var reader = Task.Run(async () =>
        {
            try
            {
                await foreach (var item in subscription.ResponseStream.ReadAllAsync(stop.Token))
                {
                    if (item.ApplicationNumber == await warmUp.Task)
                    {
                        caughtUp.TrySetResult();
                        continue;
                    }

                    var at = Stopwatch.GetTimestamp();
                    var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency;
                    long ack;
                    while (!acknowledged.TryGetValue(item.ApplicationNumber, out ack) && Stopwatch.GetTimestamp() < deadline)
                    {
                        await Task.Yield();
                    }

                    latencies.Add(Math.Max(0, Stopwatch.GetElapsedTime(ack, at).TotalMilliseconds));
                    if (latencies.Count == live)
                    {
                        allDelivered.TrySetResult();
                    }
                }
            }
            catch (RpcException) when (stop.IsCancellationRequested)
            {
            }
        });

        var applications = new P.ApplicationService.ApplicationServiceClient(tokens.Over(channel));
        var first = GrpcLoad.FirstApplicant(2);
        async Task<string> SubmitAsync(long applicant)
        {
            var request = GrpcLoad.Submit(applicant);
            request.Details.CountyCode = LiveCounty;
            return (await applications.SubmitApplicationAsync(request)).Application.Number;
        }

        warmUp.SetResult(await SubmitAsync(first + live));
        await caughtUp.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var paced = Stopwatch.StartNew();
        for (var i = 0; i < live; i++)
        {
            var slot = TimeSpan.FromMilliseconds(i * 10.0) - paced.Elapsed;
            if (slot > TimeSpan.Zero)
            {
                await Task.Delay(slot);
            }

            acknowledged[await SubmitAsync(first + i)] = Stopwatch.GetTimestamp();
        }

        try
        {
            await allDelivered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            // Reported below as fewer delivered than submitted.
        }

        await stop.CancelAsync();
        await reader;
        var sorted = latencies.OrderBy(l => l).ToList();
        double At(double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * p))];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"live: {sorted.Count}/{live} delivered; acknowledgement to delivery p50 {At(0.5):F1} ms, p99 {At(0.99):F1} ms"));
        return new()
        {
            ["feed_catchup_100k_s"] = Math.Round(catchUp.TotalSeconds * 100_000 / backlog, 2),
            ["feed_events_per_s"] = Math.Round(backlog / catchUp.TotalSeconds),
            ["feed_live_delivered"] = sorted.Count,
            ["feed_live_p50_ms"] = Math.Round(At(0.5), 1),
            ["feed_live_p99_ms"] = Math.Round(At(0.99), 1),
        };
    }
}
