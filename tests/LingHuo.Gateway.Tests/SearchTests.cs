using Grpc.Core;
using LingHuo.Persistence.EventLog;
using LingHuo.Testing;
using Microsoft.Extensions.DependencyInjection;
using P = LingHuo.Protos.V1;

namespace LingHuo.Gateway.Tests;

/// <summary>The search read model, projected from the event log: filters, stable paging, overview, rebuild.</summary>
[Collection(GatewayCollection.Name)]
public sealed class SearchTests(GatewayFixture fixture)
{
    private static int _county = 10 + Random.Shared.Next(40);

    private static string NewCounty() => "5303" + Interlocked.Increment(ref _county).ToString("00", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<List<P.Application>> SubmitIn(string county, int count)
    {
        var submitted = new List<P.Application>();
        for (var i = 0; i < count; i++)
        {
            var details = Requests.AllNine();
            details.CountyCode = county;
            submitted.Add((await fixture.Applications.SubmitApplicationAsync(Requests.Submit(details))).Application);
        }

        return submitted;
    }

    private async Task<List<P.ApplicationSummary>> SearchUntil(P.SearchApplicationsRequest request, Func<List<P.ApplicationSummary>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var found = (await fixture.Queries.SearchApplicationsAsync(request)).Applications.ToList();
            if (done(found))
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The projection did not catch up; found {found.Count}");
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    [Fact]
    public async Task Search_FindsProjectedApplications_ByCountyMatterDepartmentStatusAndSla_WithMaskedIdsOnly()
    {
        var county = NewCounty();
        var submitted = await SubmitIn(county, 2);

        var found = await SearchUntil(new P.SearchApplicationsRequest { CountyPrefix = county }, f => f.Count == 2);

        Assert.Equal(submitted.Select(a => a.Number).Reverse(), found.Select(a => a.Number));
        Assert.All(found, a =>
        {
            Assert.Equal(P.ApplicationStatus.Accepted, a.Status);
            Assert.Equal(P.SlaState.OnTime, a.SlaState);
            Assert.Matches(@"^\d{4}\*{10}[\dX]{4}$", a.ApplicantMaskedId);
            Assert.Equal(P.MatterStatus.ReadyForDepartment, a.Matters.Single(m => m.Matter == P.Matter.MedicalInsurance).Status);
        });

        Assert.Equal(2, (await fixture.Queries.SearchApplicationsAsync(new P.SearchApplicationsRequest
        {
            CountyPrefix = county, Matter = P.Matter.PremiumDeclaration, Department = P.Department.Tax, Status = P.ApplicationStatus.Accepted, SlaState = P.SlaState.OnTime,
        })).Applications.Count);
        Assert.Empty((await fixture.Queries.SearchApplicationsAsync(new P.SearchApplicationsRequest { CountyPrefix = county, SlaState = P.SlaState.Breached })).Applications);
        Assert.Empty((await fixture.Queries.SearchApplicationsAsync(new P.SearchApplicationsRequest { CountyPrefix = county, Status = P.ApplicationStatus.Closed })).Applications);

        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(2, (await fixture.Queries.SearchApplicationsAsync(new P.SearchApplicationsRequest { CountyPrefix = county, AcceptedFrom = today, AcceptedTo = today })).Applications.Count);

        await fixture.Applications.WithdrawApplicationAsync(new P.WithdrawApplicationRequest { RequestId = Requests.Id(), Number = submitted[0].Number });
        var closed = await SearchUntil(new P.SearchApplicationsRequest { CountyPrefix = county, Status = P.ApplicationStatus.Closed }, f => f.Count == 1);
        Assert.Equal(P.ApplicationOutcome.Withdrawn, closed[0].Outcome);
    }

    [Fact]
    public async Task Paging_IsStable_WhileNewApplicationsArrive()
    {
        var county = NewCounty();
        var original = (await SubmitIn(county, 7)).Select(a => a.Number).Reverse().ToList();
        await SearchUntil(new P.SearchApplicationsRequest { CountyPrefix = county }, f => f.Count == 7);

        var pages = new List<string>();
        var request = new P.SearchApplicationsRequest { CountyPrefix = county, PageSize = 3 };
        var first = await fixture.Queries.SearchApplicationsAsync(request);
        pages.AddRange(first.Applications.Select(a => a.Number));
        var added = await SubmitIn(county, 2);
        await SearchUntil(new P.SearchApplicationsRequest { CountyPrefix = county }, f => f.Count == 9);

        var token = first.NextPageToken;
        while (!string.IsNullOrEmpty(token))
        {
            var page = await fixture.Queries.SearchApplicationsAsync(new P.SearchApplicationsRequest { CountyPrefix = county, PageSize = 3, PageToken = token });
            pages.AddRange(page.Applications.Select(a => a.Number));
            token = page.NextPageToken;
        }

        Assert.Equal(original, pages);
        Assert.DoesNotContain(added[0].Number, pages);
    }

    [Fact]
    public async Task SlaOverview_CountsOpenApplications_PerCountyAndDepartment()
    {
        var county = NewCounty();
        await SubmitIn(county, 2);
        await SearchUntil(new P.SearchApplicationsRequest { CountyPrefix = county }, f => f.Count == 2);

        var overview = await fixture.Queries.GetSlaOverviewAsync(new P.GetSlaOverviewRequest { CountyPrefix = county });

        Assert.Equal(
            [P.Department.HumanResourcesSocialSecurity, P.Department.MedicalSecurity, P.Department.Tax],
            overview.Rows.Select(r => r.Department));
        Assert.All(overview.Rows, r => Assert.Equal((county, 2L, 0L, 0L), (r.CountyCode, r.OnTime, r.DueSoon, r.Breached)));
    }

    [Fact]
    public async Task Rebuild_FromTheLog_EqualsTheLiveModel()
    {
        var county = NewCounty();
        var submitted = await SubmitIn(county, 3);
        await fixture.Applications.WithdrawApplicationAsync(new P.WithdrawApplicationRequest { RequestId = Requests.Id(), Number = submitted[1].Number });
        await SearchUntil(new P.SearchApplicationsRequest { CountyPrefix = county, Status = P.ApplicationStatus.Closed }, f => f.Count == 1);

        // Every test's events, not only this one's, must be in the live model before it is compared.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await fixture.CountAsync("""
            select count(*) from case_events e, projections p
            where p.name = 'search' and (e.tx, e.id) > (p.position_tx, p.position_id)
            """) > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The projection did not catch up with the log.");
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        var live = await Snapshot();

        await fixture.Services.GetRequiredService<SearchProjection>().RebuildAsync();

        var rebuilt = await Snapshot();
        Assert.True(live.SequenceEqual(rebuilt), $"live and rebuilt differ:\n{string.Join("\n", live.Except(rebuilt).Select(r => "live:    " + r).Concat(rebuilt.Except(live).Select(r => "rebuilt: " + r)))}");
    }

    [Theory]
    [InlineData(-1, "", "", "")]
    [InlineData(201, "", "", "")]
    [InlineData(10, "not-a-token", "", "")]
    [InlineData(10, "", "2026-13-01", "")]
    [InlineData(10, "", "", "53ab")]
    public async Task BadSearch_IsInvalidArgument(int pageSize, string token, string from, string county)
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => fixture.Queries.SearchApplicationsAsync(new P.SearchApplicationsRequest
        {
            PageSize = pageSize, PageToken = token, AcceptedFrom = from, CountyPrefix = county,
        }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
    }

    private async Task<List<string>> Snapshot()
    {
        await using var command = fixture.Database.CreateCommand("select row(s.*)::text from application_search s order by number");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
