using System.Diagnostics;
using Grpc.Core;
using LingHuo.Silo;
using LingHuo.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using P = LingHuo.Protos.V1;

namespace LingHuo.Gateway.Tests;

/// <summary>Traces, metrics and logs as the in-memory exporters received them from the real host.</summary>
[Collection(GatewayCollection.Name)]
public sealed class TelemetryTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Submit_IsOneTrace_FromTheGrpcCall_ThroughGrainCalls_ToTheDatabase()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var caller = ActivitySpanId.CreateRandom();
        await fixture.Applications.SubmitApplicationAsync(Requests.Submit(), new Metadata { { "traceparent", $"00-{traceId}-{caller}-01" } });

        // The server span ends just after the response is written, and the tree is complete when every parent is in it.
        var spans = await Polling.EventuallyAsync(
            () => Task.FromResult(fixture.Spans.Snapshot().Where(s => s.TraceId == traceId).ToList()),
            s => s.Any(x => x.Source.Name == "Microsoft.AspNetCore") && Connected(s, caller));

        var server = Assert.Single(spans, s => s.Source.Name == "Microsoft.AspNetCore");
        Assert.Equal(ActivityKind.Server, server.Kind);
        Assert.Equal(caller, server.ParentSpanId);
        Assert.Contains("SubmitApplication", server.DisplayName, StringComparison.Ordinal);
        Assert.Contains(spans, s => s.Source.Name == "Microsoft.Orleans.Application" && s.DisplayName.Contains("IApplicantGrain", StringComparison.Ordinal));
        Assert.Contains(spans, s => s.Source.Name == "Microsoft.Orleans.Application" && s.DisplayName.Contains("IApplicationGrain", StringComparison.Ordinal));

        // The uploaded photo is kept by the gateway before the grain call, the application's one durable write happens
        // inside it: both are part of the request's trace.
        var writes = spans.Where(s => s.Source.Name == "Npgsql").ToList();
        var byId = spans.ToDictionary(s => s.SpanId);
        Assert.All(writes, w => Assert.Contains(server, Ancestors(w, byId)));
        Assert.Contains(writes, w => Ancestors(w, byId).Any(a => a.Source.Name == "Microsoft.Orleans.Application"));
        Assert.Contains(writes, w => !Ancestors(w, byId).Any(a => a.Source.Name == "Microsoft.Orleans.Application"));
    }

    [Fact]
    public async Task ScriptedLifecycle_IsCounted_ByOutcome_Department_AndReason()
    {
        var before = Read();
        var submitted = (await fixture.Applications.SubmitApplicationAsync(Requests.Submit())).Application;
        var closed = await Requests.CompleteAllAsync(fixture.Departments, submitted.Number);
        Assert.Equal(P.ApplicationOutcome.AllCompleted, closed.Outcome);

        // Received with a supplement notice, not accepted; and one refused outright.
        var incomplete = Requests.AllNine();
        incomplete.Materials.Clear();
        Assert.Equal(P.ApplicationStatus.SupplementRequired, (await fixture.Applications.SubmitApplicationAsync(Requests.Submit(incomplete))).Application.Status);
        var elsewhere = Requests.AllNine();
        elsewhere.CountyCode = "1";
        await Assert.ThrowsAsync<RpcException>(() => fixture.Applications.SubmitApplicationAsync(Requests.Submit(elsewhere)).ResponseAsync);

        var after = Read();
        Assert.Equal(2, after.Sum("linghuo.applications.submitted") - before.Sum("linghuo.applications.submitted"));
        Assert.Equal(1, after.Sum("linghuo.applications.accepted") - before.Sum("linghuo.applications.accepted"));
        Assert.Equal(1, after.Sum("linghuo.applications.closed", ("outcome", "AllCompleted")) - before.Sum("linghuo.applications.closed", ("outcome", "AllCompleted")));
        Assert.True(after.Sum("linghuo.applications.refused", ("reason", "CountyCodeInvalid")) > before.Sum("linghuo.applications.refused", ("reason", "CountyCodeInvalid")));
        Assert.Equal(7, after.Count("linghuo.matter.duration", ("department", "HumanResourcesSocialSecurity"), ("outcome", "completed"))
            - before.Count("linghuo.matter.duration", ("department", "HumanResourcesSocialSecurity"), ("outcome", "completed")));
        Assert.Equal(1, after.Count("linghuo.matter.duration", ("department", "MedicalSecurity")) - before.Count("linghuo.matter.duration", ("department", "MedicalSecurity")));
        Assert.Equal(1, after.Count("linghuo.matter.duration", ("department", "Tax")) - before.Count("linghuo.matter.duration", ("department", "Tax")));
    }

    [Fact]
    public async Task OpenCases_AreReported_BySlaState_FromTheReadModel()
    {
        var submitted = (await fixture.Applications.SubmitApplicationAsync(Requests.Submit())).Application;
        await Polling.EventuallyAsync(
            () => fixture.CountAsync($"select count(*) from application_search where number = '{submitted.Number}' and status = 'Accepted'"),
            n => n == 1);

        await fixture.Services.GetRequiredService<OpenCasesMonitor>().RefreshAsync(CancellationToken.None);
        var open = Read();
        var accepted = await fixture.CountAsync("select count(*) from application_search where status = 'Accepted'");
        Assert.True(open.Gauge("linghuo.cases.open", ("sla_state", "OnTime")) >= 1);
        Assert.InRange(open.Gauge("linghuo.cases.open", ("sla_state", "OnTime")) + open.Gauge("linghuo.cases.open", ("sla_state", "DueSoon"))
            + open.Gauge("linghuo.cases.open", ("sla_state", "Breached")), 1, accepted);
    }

    [Fact]
    public async Task FeedLag_IsReported_WhileASubscriberIsConnected_AndNotAfter()
    {
        const string Jurisdiction = "5329";
        (string, string)[] feed = [("department", "Tax"), ("jurisdiction", Jurisdiction)];
        using (var cancel = new CancellationTokenSource())
        {
            using var subscription = fixture.Departments.SubscribeWorkItems(
                new P.SubscribeWorkItemsRequest { Department = P.Department.Tax, Jurisdiction = Jurisdiction }, cancellationToken: cancel.Token);
            var reading = subscription.ResponseStream.MoveNext(cancel.Token);
            await Polling.EventuallyAsync(() => Task.FromResult(Read()), m => m.Points("linghuo.feed.lag", feed).Count == 1);
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<Exception>(() => reading);
        }

        await Polling.EventuallyAsync(() => Task.FromResult(Read()), m => m.Points("linghuo.feed.lag", feed).Count == 0);
    }

    [Fact]
    public async Task AFullLifecycle_LeavesNoIdentityNumberOrPhone_InAnySpan_Log_OrMetricLabel()
    {
        var identity = Identities.Next();
        var traceId = ActivityTraceId.CreateRandom();
        var headers = new Metadata { { "traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01" } };
        var details = Requests.AllNine(identity);
        details.ContactPhone = "13700001111";
        var submitted = (await fixture.Applications.SubmitApplicationAsync(Requests.Submit(details), headers)).Application;
        await fixture.Applications.ListMyApplicationsAsync(new P.ListMyApplicationsRequest { IdentityNumber = identity }, headers);

        // A refused second application of the same person, and one with a malformed number, go through the error paths.
        await Assert.ThrowsAsync<RpcException>(() => fixture.Applications.SubmitApplicationAsync(Requests.Submit(Requests.AllNine(identity))).ResponseAsync);
        await Requests.CompleteAllAsync(fixture.Departments, submitted.Number);

        // A department reads the number (audited), the applicant reads the rights record: both paths are covered too.
        var read = await fixture.Queries.GetApplicationByNumberAsync(
            new P.GetApplicationByNumberRequest { Number = submitted.Number, Purpose = "telemetry test" }, Callers.Bearer(Callers.Department(P.Department.Tax)));
        Assert.Equal(identity, read.IdentityNumber);
        await fixture.Applications.GetApplicationAsync(new P.GetApplicationRequest { Number = submitted.Number }, Callers.Bearer(Callers.Applicant(identity)));
        var wrongCheck = identity[..17] + (identity[17] == '0' ? '1' : '0');
        await Assert.ThrowsAsync<RpcException>(() => fixture.Applications.SubmitApplicationAsync(Requests.Submit(Requests.AllNine(wrongCheck))).ResponseAsync);

        await Polling.EventuallyAsync(() => Task.FromResult(fixture.Spans.Snapshot().Count(s => s.TraceId == traceId && s.Source.Name == "Microsoft.AspNetCore")), n => n == 2);
        var texts = fixture.Spans.Snapshot().SelectMany(SpanTexts)
            .Concat(fixture.Logs.Snapshot().SelectMany(l => new[] { l.FormattedMessage, l.Body, l.Exception?.ToString() }
                .Concat(l.Attributes?.Select(a => $"{a.Key}={a.Value}") ?? [])))
            .Concat(Read().Labels())
            .Where(t => t is not null)
            .ToList();
        Assert.NotEmpty(texts);
        Assert.DoesNotContain(texts, t => t!.Contains(identity, StringComparison.OrdinalIgnoreCase) || t.Contains(wrongCheck, StringComparison.OrdinalIgnoreCase)
            || t.Contains(details.ContactPhone, StringComparison.Ordinal));
    }

    private static IEnumerable<string?> SpanTexts(Activity span) =>
        new[] { span.DisplayName, span.StatusDescription }
            .Concat(span.TagObjects.Select(t => $"{t.Key}={t.Value}"))
            .Concat(span.Baggage.Select(b => $"{b.Key}={b.Value}"))
            .Concat(span.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name}:{t.Key}={t.Value}").Append(e.Name)));

    private static IEnumerable<Activity> Ancestors(Activity span, Dictionary<ActivitySpanId, Activity> byId)
    {
        while (byId.TryGetValue(span.ParentSpanId, out var parent))
        {
            yield return parent;
            span = parent;
        }
    }

    private static bool Connected(List<Activity> spans, ActivitySpanId root)
    {
        var ids = spans.Select(s => s.SpanId).Append(root).ToHashSet();
        return spans.All(s => ids.Contains(s.ParentSpanId));
    }

    private Measurements Read()
    {
        fixture.Metrics.Clear();
        // The Prometheus reader cannot be flushed (it is pulled), so the result is false even when the exporter got all.
        fixture.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000);
        return new Measurements(fixture.Metrics.Snapshot());
    }

    /// <summary>One flush of every instrument: cumulative values, as a scraper would see them.</summary>
    private sealed class Measurements(List<MetricSnapshot> snapshots)
    {
        public List<MetricPoint> Points(string name, params (string Key, string Value)[] tags)
        {
            var points = new List<MetricPoint>();
            foreach (var snapshot in snapshots.Where(s => s.Name == name))
            {
                foreach (var point in snapshot.MetricPoints)
                {
                    var labels = Labels(point);
                    if (tags.All(t => labels.TryGetValue(t.Key, out var v) && v == t.Value))
                    {
                        points.Add(point);
                    }
                }
            }

            return points;
        }

        public long Sum(string name, params (string Key, string Value)[] tags) => Points(name, tags).Sum(p => p.GetSumLong());

        public long Count(string name, params (string Key, string Value)[] tags) => Points(name, tags).Sum(p => p.GetHistogramCount());

        public long Gauge(string name, params (string Key, string Value)[] tags) => Points(name, tags).Sum(p => p.GetGaugeLastValueLong());

        public IEnumerable<string> Labels() =>
            snapshots.SelectMany(s => s.MetricPoints).SelectMany(p => Labels(p).Select(l => $"{l.Key}={l.Value}"));

        private static Dictionary<string, string?> Labels(MetricPoint point)
        {
            var labels = new Dictionary<string, string?>();
            foreach (var tag in point.Tags)
            {
                labels[tag.Key] = tag.Value?.ToString();
            }

            return labels;
        }
    }
}
