using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Grpc.Net.Client;
using LingHuo.Contracts;
using LingHuo.Testing;
using P = LingHuo.Protos.V1;

namespace LingHuo.Grains.Tests;

/// <summary>
/// Every query of the Grafana dashboards in deploy/grafana names metrics a running silo really exports, and a real
/// Prometheus scraping that silo answers each one with data: a renamed or misspelt metric, or a query Prometheus cannot
/// parse, fails here, not on a wall screen at 3 a.m.
/// </summary>
public sealed partial class DashboardQueryTests : OwnDatabase
{
    // PromQL's own words that look like metric names.
    private static readonly HashSet<string> PromQl =
    [
        "sum", "max", "min", "avg", "count", "rate", "increase", "irate", "by", "without", "histogram_quantile", "max_over_time", "avg_over_time",
        "min_over_time", "sum_over_time", "topk", "bottomk", "abs", "clamp_min", "clamp_max", "le", "offset", "on", "ignoring", "group_left", "group_right", "and", "or", "unless",
    ];

    [Fact]
    public async Task EveryPanelQuery_NamesMetricsTheSiloExports()
    {
        var port = FreePorts.Next();
        var grpc = FreePorts.Next();
        await using var silo = await SiloProcess.StartAsync(Database.ConnectionString, "dash-" + Guid.NewGuid().ToString("N")[..8], environment: new Dictionary<string, string>
        {
            ["LingHuo__Management__Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["LingHuo__Gateway__Port"] = grpc.ToString(CultureInfo.InvariantCulture),
        });

        // Traffic enough for every instrument to have reported: a case through to its rating.
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpc}");
        var identity = Identities.Next();
        var clerk = new P.ApplicationService.ApplicationServiceClient(SiloProcess.As(channel, SiloProcess.Token(CallerRole.Clerk, county: "530102")));
        var number = (await clerk.SubmitApplicationAsync(Requests.Submit(Requests.AllNine(identity)))).Application.Number;
        foreach (var matter in Requests.MatterOrder)
        {
            var department = Requests.DepartmentOf(matter);
            var departments = new P.DepartmentService.DepartmentServiceClient(SiloProcess.As(channel, SiloProcess.Token(CallerRole.Department, department: (Domain.Catalog.Department)(int)department, jurisdiction: "53")));
            await departments.ClaimMatterAsync(new P.ClaimMatterRequest { RequestId = Scenario.NewRequestId(), Number = number, Matter = matter, Department = department, Handler = "h" });
            await departments.CompleteMatterAsync(new P.CompleteMatterRequest
            {
                RequestId = Scenario.NewRequestId(), Number = number, Matter = matter, Department = department,
                Result = new P.MatterResult { Number = "R-" + (int)matter, Documents = { "doc://" + (int)matter } },
            });
        }

        var applicant = new P.ApplicationService.ApplicationServiceClient(SiloProcess.As(channel, SiloProcess.Token(CallerRole.Applicant, applicantKey: Scenario.Keys.For(Domain.Identity.IdentityNumber.Parse(identity, DateOnly.FromDateTime(DateTime.UtcNow)).Value!))));
        await applicant.RateServiceAsync(new P.RateServiceRequest { RequestId = Scenario.NewRequestId(), Number = number, Level = P.RatingLevel.Dissatisfied, Comment = "等太久" });

        // A call without a token, a refusal, and a department following its feed while the scrape is taken (the lag gauge
        // reports live subscribers); below, a page that does not exist (HTTP 404: the platform dashboard's errors panel).
        var anonymous = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => new P.ApplicationService.ApplicationServiceClient(channel).GetApplicationAsync(new P.GetApplicationRequest { Number = number }).ResponseAsync);
        Assert.Equal(Grpc.Core.StatusCode.Unauthenticated, anonymous.StatusCode);
        var refused = Requests.AllNine();
        refused.ContributionBase = "";
        await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => clerk.SubmitApplicationAsync(Requests.Submit(refused)).ResponseAsync);
        using var following = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var feed = new P.DepartmentService.DepartmentServiceClient(SiloProcess.As(channel, SiloProcess.Token(CallerRole.Department, department: Domain.Catalog.Department.Tax, jurisdiction: "53")))
            .SubscribeWorkItems(new P.SubscribeWorkItemsRequest { Department = P.Department.Tax, Jurisdiction = "53" }, cancellationToken: following.Token);
        Assert.True(await feed.ResponseStream.MoveNext(following.Token));

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync(new Uri("/no-such-page", UriKind.Relative))).StatusCode);
        var exported = await Polling.EventuallyAsync(
            async () => MetricLine().Matches(await http.GetStringAsync("/metrics")).Select(m => m.Groups["name"].Value).ToHashSet(),
            names => names.Contains("linghuo_ratings_total") && names.Contains("linghuo_matter_duration_seconds_bucket") && names.Contains("linghuo_feed_lag"),
            what: "the case's metrics in the scrape");

        var queries = Directory.EnumerateFiles(RepositoryRoot.File("deploy/grafana/dashboards"), "*.json")
            .SelectMany(file => Panels(JsonDocument.Parse(File.ReadAllText(file)).RootElement).Select(expr => (Dashboard: Path.GetFileName(file), Expr: expr)))
            .ToList();
        Assert.True(queries.Count >= 15, "the three dashboards' queries");
        var unknown = queries.SelectMany(q => MetricNames(q.Expr).Where(name => !exported.Contains(name)).Select(name => $"{q.Dashboard}: {name} in {q.Expr}")).ToList();
        Assert.True(unknown.Count == 0, "Not exported: " + string.Join("; ", unknown));

        // A real Prometheus scraping that silo with the alert rules of compose: every panel's query is valid PromQL and
        // shows data from this traffic, and every alert rule evaluates.
        await using var prometheus = await PrometheusProcess.StartAsync($"127.0.0.1:{port}", RepositoryRoot.File("deploy/compose/alerts.yml"));
        await Polling.EventuallyAsync(
            () => prometheus.QueryAsync("count_over_time(up{job=\"linghuo\"}[5m])"), r => r.Count == 1 && double.Parse(r[0], CultureInfo.InvariantCulture) >= 3,
            TimeSpan.FromSeconds(60), "three scrapes of the silo");
        var empty = new List<string>();
        foreach (var (dashboard, expr) in queries)
        {
            if ((await prometheus.QueryAsync(expr)).Count == 0)
            {
                empty.Add($"{dashboard}: {expr}");
            }
        }

        Assert.True(empty.Count == 0, "No data: " + string.Join("; ", empty));
        var rules = await Polling.EventuallyAsync(prometheus.RulesAsync, r => r.Count > 0 && r.All(x => x.Health != "unknown"), TimeSpan.FromSeconds(30), "every alert rule evaluated");
        Assert.All(rules, r => Assert.True(r.Health == "ok", $"{r.Name}: {r.Health}"));
        await following.CancelAsync();
    }

    private static IEnumerable<string> Panels(JsonElement dashboard) =>
        dashboard.GetProperty("panels").EnumerateArray().SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()!);

    // The metric names a query reads: identifiers outside label matchers and grouping clauses, not PromQL's own words.
    private static IEnumerable<string> MetricNames(string expr)
    {
        var bare = Grouping().Replace(Matchers().Replace(Durations().Replace(expr, ""), ""), "");
        return Identifier().Matches(bare).Select(m => m.Value).Where(name => !PromQl.Contains(name) && !name.All(char.IsDigit)).Distinct();
    }

    [GeneratedRegex("^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]", RegexOptions.Multiline)]
    private static partial Regex MetricLine();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Matchers();

    [GeneratedRegex(@"\b(by|without)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Durations();

    [GeneratedRegex(@"[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex Identifier();
}
