using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using LingHuo.Contracts;
using P = LingHuo.Protos.V1;

namespace LingHuo.LoadTest;

/// <summary>
/// Nine-matter applications from submission to closure: callers submit (closed loop) for <c>duration</c>, and three
/// simulated departments take their work from their feeds, claiming and completing each matter as it becomes ready,
/// until every submitted application has closed (or the drain time runs out). Every command is durable, so the
/// transitions per second are durable writes per second.
/// </summary>
public static class LifecycleLoad
{
    private static readonly P.Department[] Departments = [P.Department.HumanResourcesSocialSecurity, P.Department.MedicalSecurity, P.Department.Tax];

    public static async Task<LifecycleResult> RunAsync(string address, int callers, TimeSpan duration, TimeSpan drain, Tokens tokens, int handlersPerDepartment = 16)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        using var channel = GatewayChannels.For(address);
        var invoker = tokens.Over(channel);
        var applications = new P.ApplicationService.ApplicationServiceClient(invoker);
        var departments = new P.DepartmentService.DepartmentServiceClient(invoker);
        var (submit, claim, complete, closure) = (new Latencies(), new Latencies(), new Latencies(), new Latencies());

        // Ours only: the feeds also carry whatever else is in the database. Work can reach a feed before its submission's
        // answer reaches us; it waits in `early` until the number is known (both under one lock, so nothing falls between).
        var open = new ConcurrentDictionary<string, long>();
        var completedMatters = new ConcurrentDictionary<string, int>();
        var early = new Dictionary<string, List<(P.Matter Matter, P.Department Department)>>();
        var gate = new Lock();
        var closed = 0L;
        var commands = 0L;
        var submitting = 1;
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var handlers = Departments.Select(d => Task.Run(() => HandleAsync(d))).ToArray();

        async Task HandleAsync(P.Department department)
        {
            using var slots = new SemaphoreSlim(handlersPerDepartment);
            var running = new List<Task>();
            try
            {
                using var feed = departments.SubscribeWorkItems(new P.SubscribeWorkItemsRequest { Department = department, Jurisdiction = "53" }, cancellationToken: stop.Token);
                await foreach (var item in feed.ResponseStream.ReadAllAsync(stop.Token))
                {
                    if (item.Event.Type != "MatterReady")
                    {
                        continue;
                    }

                    lock (gate)
                    {
                        if (!open.ContainsKey(item.ApplicationNumber))
                        {
                            (early.TryGetValue(item.ApplicationNumber, out var waiting) ? waiting : early[item.ApplicationNumber] = []).Add((item.Event.Matter, department));
                            continue;
                        }
                    }

                    await slots.WaitAsync(stop.Token);
                    running.Add(Task.Run(async () =>
                    {
                        try
                        {
                            await HandleMatterAsync(item.ApplicationNumber, item.Event.Matter, department);
                        }
                        finally
                        {
                            slots.Release();
                        }
                    }));
                }
            }
            catch (Exception e) when (stop.IsCancellationRequested && e is OperationCanceledException or RpcException)
            {
            }

            await Task.WhenAll(running);
        }

        async Task HandleMatterAsync(string number, P.Matter matter, P.Department department)
        {
            var claimed = Stopwatch.GetTimestamp();
            await claim.TimeAsync(() => departments.ClaimMatterAsync(new P.ClaimMatterRequest
            {
                RequestId = $"{number}-{(int)matter}-claim", Number = number, Matter = matter, Department = department, Handler = "bench",
            }).ResponseAsync, claimed);
            var completed = Stopwatch.GetTimestamp();
            var before = complete.Count;
            await complete.TimeAsync(() => departments.CompleteMatterAsync(new P.CompleteMatterRequest
            {
                RequestId = $"{number}-{(int)matter}-complete", Number = number, Matter = matter, Department = department,
                Result = new P.MatterResult { Number = $"B-{(int)matter}" },
            }).ResponseAsync, completed);
            if (complete.Count == before)
            {
                return;
            }

            Interlocked.Add(ref commands, 2);
            if (completedMatters.AddOrUpdate(number, 1, (_, n) => n + 1) == 9 && open.TryRemove(number, out var submittedAt))
            {
                closure.Record(Stopwatch.GetElapsedTime(submittedAt));
                Interlocked.Increment(ref closed);
                if (Volatile.Read(ref submitting) == 0 && open.IsEmpty)
                {
                    drained.TrySetResult();
                }
            }
        }

        var next = GrpcLoad.FirstApplicant(1);
        var wall = Stopwatch.StartNew();
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, callers).Select(async _ =>
        {
            while (Stopwatch.GetTimestamp() < until)
            {
                var request = GrpcLoad.Submit(Interlocked.Increment(ref next));
                var started = Stopwatch.GetTimestamp();
                try
                {
                    var number = (await applications.SubmitApplicationAsync(request)).Application.Number;
                    submit.Record(Stopwatch.GetElapsedTime(started));
                    Interlocked.Increment(ref commands);
                    List<(P.Matter Matter, P.Department Department)>? waiting;
                    lock (gate)
                    {
                        open[number] = started;
                        early.Remove(number, out waiting);
                    }

                    await Task.WhenAll((waiting ?? []).Select(w => HandleMatterAsync(number, w.Matter, w.Department)));
                }
                catch (RpcException e)
                {
                    submit.Failed(e.StatusCode);
                }
            }
        }));

        // Drain: until every acknowledged application has closed (the last closure says so), or give up at the deadline.
        Volatile.Write(ref submitting, 0);
        if (open.IsEmpty)
        {
            drained.TrySetResult();
        }

        try
        {
            await drained.Task.WaitAsync(drain);
        }
        catch (TimeoutException)
        {
        }

        wall.Stop();
        await stop.CancelAsync();
        await Task.WhenAll(handlers);
        return new LifecycleResult(submit.Count, closed, Interlocked.Read(ref commands), wall.Elapsed, submit, claim, complete, closure);
    }
}
