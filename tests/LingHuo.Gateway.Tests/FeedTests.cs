using Grpc.Core;
using LingHuo.Testing;
using P = LingHuo.Protos.V1;

namespace LingHuo.Gateway.Tests;

/// <summary>Department work feeds over gRPC: order, resumption, and who sees what.</summary>
[Collection(GatewayCollection.Name)]
public sealed class FeedTests(GatewayFixture fixture)
{
    private static int _county = 10 + Random.Shared.Next(40);

    /// <summary>A county no other test submits in, so that its feeds are this test's alone.</summary>
    private static string NewCounty() => "5301" + Interlocked.Increment(ref _county).ToString("00", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<List<string>> SubmitIn(string county, int count)
    {
        var numbers = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var details = Requests.AllNine();
            details.CountyCode = county;
            numbers.Add((await fixture.Applications.SubmitApplicationAsync(Requests.Submit(details))).Application.Number);
        }

        return numbers;
    }

    /// <summary>Reads exactly <paramref name="count"/> items, then hangs up.</summary>
    private Task<List<P.SubscribeWorkItemsResponse>> Take(P.Department department, string jurisdiction, long after, int count) =>
        TakeUntil(department, jurisdiction, after, items => items.Count == count);

    /// <summary>Reads until <paramref name="enough"/> holds (failing after 30 s), then hangs up.</summary>
    private async Task<List<P.SubscribeWorkItemsResponse>> TakeUntil(P.Department department, string jurisdiction, long after, Func<List<P.SubscribeWorkItemsResponse>, bool> enough)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var call = fixture.Departments.SubscribeWorkItems(
            new P.SubscribeWorkItemsRequest { Department = department, Jurisdiction = jurisdiction, AfterSequence = after }, cancellationToken: cancel.Token);
        var items = new List<P.SubscribeWorkItemsResponse>();
        await foreach (var item in call.ResponseStream.ReadAllAsync(cancel.Token))
        {
            items.Add(item);
            if (enough(items))
            {
                break;
            }
        }

        return items;
    }

    [Fact]
    public async Task Feed_DeliversEachDepartmentsReadyMatters_InGapFreeOrder()
    {
        var county = NewCounty();
        var numbers = await SubmitIn(county, 3);

        var medical = await Take(P.Department.MedicalSecurity, county, 0, 3);
        var hrss = await Take(P.Department.HumanResourcesSocialSecurity, county, 0, 6);

        Assert.Equal([1L, 2L, 3L], medical.Select(i => i.Sequence));
        Assert.Equal(numbers, medical.Select(i => i.ApplicationNumber));
        Assert.All(medical, i => Assert.Equal((P.Matter.MedicalInsurance, "MatterReady"), (i.Event.Matter, i.Event.Type)));
        Assert.Equal(Enumerable.Range(1, 6).Select(i => (long)i), hrss.Select(i => i.Sequence));
        Assert.Equal(3, hrss.Count(i => i.Event.Matter == P.Matter.SocialInsuranceRegistration));
        Assert.Equal(3, hrss.Count(i => i.Event.Matter == P.Matter.EmploymentRegistration));
    }

    [Fact]
    public async Task Resume_FromTheLastSequence_ContinuesExactlyThere_ThenLive()
    {
        var county = NewCounty();
        await SubmitIn(county, 4);
        var first = await Take(P.Department.MedicalSecurity, county, 0, 2);

        var live = Take(P.Department.MedicalSecurity, county, first[^1].Sequence, 3);
        var later = await SubmitIn(county, 1);
        var rest = await live;

        Assert.Equal([3L, 4L, 5L], rest.Select(i => i.Sequence));
        Assert.Equal(later[0], rest[^1].ApplicationNumber);
    }

    [Fact]
    public async Task Jurisdictions_NeverSeeEachOthersWork_ButAPrefixSeesItsCounties()
    {
        var (a, b) = (NewCounty(), NewCounty());
        var inA = await SubmitIn(a, 2);
        var inB = await SubmitIn(b, 1);

        var onlyA = await Take(P.Department.MedicalSecurity, a, 0, 2);
        var onlyB = await Take(P.Department.MedicalSecurity, b, 0, 1);

        Assert.Equal(inA, onlyA.Select(i => i.ApplicationNumber));
        Assert.Equal(inB, onlyB.Select(i => i.ApplicationNumber));

        // The prefix 5301 covers both counties (and every other test's): what it delivers for them, in order.
        var expected = inA.Concat(inB).ToHashSet();
        var wide = await TakeUntil(P.Department.MedicalSecurity, "5301", 0, items => expected.IsSubsetOf(items.Select(i => i.ApplicationNumber)));
        Assert.Equal(Enumerable.Range(1, wide.Count).Select(i => (long)i), wide.Select(i => i.Sequence));
        Assert.Equal(inA.Concat(inB), wide.Select(i => i.ApplicationNumber).Where(expected.Contains));
    }

    [Fact]
    public async Task Withdrawal_ReachesEveryDepartment_WithTheCancelledMatters()
    {
        var county = NewCounty();
        var number = (await SubmitIn(county, 1))[0];
        await fixture.Applications.WithdrawApplicationAsync(new P.WithdrawApplicationRequest { RequestId = Requests.Id(), Number = number, Reason = "moved" });

        var tax = await Take(P.Department.Tax, county, 0, 2);

        Assert.Equal(["ApplicationWithdrawn", "MatterCancelled"], tax.Select(i => i.Event.Type));
        Assert.Equal(P.Matter.PremiumDeclaration, tax[1].Event.Matter);
    }

    [Theory]
    [InlineData(P.Department.Unspecified, "5301", 0)]
    [InlineData((P.Department)9, "5301", 0)]
    [InlineData(P.Department.Tax, "", 0)]
    [InlineData(P.Department.Tax, "1101", 0)]
    [InlineData(P.Department.Tax, "5301021", 0)]
    [InlineData(P.Department.Tax, "53a1", 0)]
    [InlineData(P.Department.Tax, "5301", -1)]
    public async Task BadSubscription_IsInvalidArgument(P.Department department, string jurisdiction, long after)
    {
        using var call = fixture.Departments.SubscribeWorkItems(new P.SubscribeWorkItemsRequest { Department = department, Jurisdiction = jurisdiction, AfterSequence = after });

        var e = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
    }
}
