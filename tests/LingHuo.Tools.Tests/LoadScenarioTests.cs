using LingHuo.LoadTest;
using LingHuo.Testing;

namespace LingHuo.Tools.Tests;

/// <summary>The load generator's scenarios, run for a moment against the real gateway: they call, and nothing fails.</summary>
[Collection(GatewayCollection.Name)]
public sealed class LoadScenarioTests(GatewayFixture fixture)
{
    [Theory]
    [InlineData("submit", 0)]
    [InlineData("read", 0)]
    [InlineData("trivial", 50)]
    [InlineData("mixed", 0)]
    public async Task AShortRun_MakesCalls_WithoutFailures(string scenario, double rate)
    {
        var before = await fixture.CountAsync("select count(*) from case_events");

        var latencies = await GrpcLoad.RunAsync(
            fixture.Address, scenario, callers: 4, seconds: 1, rate: rate, warmupSeconds: 0, tokens: new Tokens(Callers.Key1.Private, Callers.Issuer, "k1"));

        Assert.True(latencies.Count > 0, $"{scenario}: no call recorded");
        Assert.Empty(latencies.Failures);
        Assert.True(latencies.Percentile(50) > 0);
        if (scenario is "submit")
        {
            Assert.True(await fixture.CountAsync("select count(*) from case_events") - before >= latencies.Count, "every acknowledged submission left its events");
        }
    }

    [Fact]
    public async Task ALifecycleRun_ClosesEveryApplicationItSubmitted_ThroughTheFeeds()
    {
        var result = await LifecycleLoad.RunAsync(
            fixture.Address, callers: 2, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), new Tokens(Callers.Key1.Private, Callers.Issuer, "k1"));

        Assert.True(result.Submitted > 0);
        Assert.Equal(result.Submitted, result.Closed);
        Assert.Equal(result.Submitted * 19, result.Commands);
        Assert.Empty(result.Claim.Failures);
        Assert.Empty(result.Complete.Failures);
        Assert.Equal(result.Closed, result.ToClosure.Count);
    }

    [Fact]
    public async Task AFeedRun_CatchesUpTheBacklog_AndDeliversEveryLiveSubmission()
    {
        var figures = await FeedLoad.RunAsync(
            fixture.Address, fixture.ConnectionString, backlog: 300, live: 5, new Tokens(Callers.Key1.Private, Callers.Issuer, "k1"));

        Assert.Equal(5, figures["feed_live_delivered"]);
        Assert.True((double)figures["feed_events_per_s"] > 0);
        Assert.True((double)figures["feed_live_p99_ms"] >= (double)figures["feed_live_p50_ms"]);
        Assert.Equal(300, await fixture.CountAsync("select count(*) from case_events where county_code = '539999'"));
    }
}
