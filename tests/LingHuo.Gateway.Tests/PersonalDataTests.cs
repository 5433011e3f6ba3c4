using Grpc.Core;
using LingHuo.Contracts;
using LingHuo.Testing;
using Npgsql;
using P = LingHuo.Protos.V1;

namespace LingHuo.Gateway.Tests;

/// <summary>Who may see an identity number or a rights record, the audit of every such read, and the abuse limits.</summary>
[Collection(GatewayCollection.Name)]
public sealed class PersonalDataTests(GatewayFixture fixture)
{
    private static readonly Metadata Operator = Callers.Bearer(Callers.Operator());

    private async Task<(string Identity, string Number)> ClosedApplicationAsync(string county = "530102")
    {
        var identity = Identities.Next();
        var details = Requests.AllNine(identity);
        details.CountyCode = county;
        var number = (await fixture.Applications.SubmitApplicationAsync(Requests.Submit(details))).Application.Number;
        await Requests.CompleteAllAsync(fixture.Departments, number);
        return (identity, number);
    }

    private async Task<List<P.AccessRecord>> AuditOf(string number) =>
        [.. (await fixture.Queries.ListAccessRecordsAsync(new P.ListAccessRecordsRequest { ApplicationNumber = number }, Operator)).Records];

    [Fact]
    public async Task ReadingARightsRecord_IsAudited_WithWhoRoleWhenAndWhy()
    {
        var (identity, number) = await ClosedApplicationAsync();
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);

        await fixture.Applications.GetApplicationAsync(new P.GetApplicationRequest { Number = number, Purpose = "窗口打印参保证明" }, Callers.Bearer(Callers.Clerk()));
        await fixture.Applications.GetApplicationAsync(new P.GetApplicationRequest { Number = number }, Callers.Bearer(Callers.Applicant(identity)));
        await fixture.Queries.GetApplicationByNumberAsync(new P.GetApplicationByNumberRequest { Number = number, Purpose = "complaint 2026-118" }, Operator);

        var records = await AuditOf(number);
        Assert.Equal(["GetApplicationByNumber", "GetApplication", "GetApplication"], records.Select(r => r.Action));
        Assert.Equal(["Operator", "Applicant", "Clerk"], records.Select(r => r.Role));
        Assert.Equal(["operator-1", "person-" + identity[^4..], "clerk-530102"], records.Select(r => r.Subject));
        Assert.Equal(["complaint 2026-118", "本人查询 / own record", "窗口打印参保证明"], records.Select(r => r.Purpose));
        Assert.All(records, r => Assert.Equal(Callers.Issuer, r.Issuer));
        Assert.All(records, r => Assert.InRange(r.At.ToDateTimeOffset(), before, DateTimeOffset.UtcNow.AddSeconds(5)));
    }

    [Fact]
    public async Task ReadingAnApplicationWithoutProtectedResults_IsNotAudited()
    {
        var number = (await fixture.Applications.SubmitApplicationAsync(Requests.Submit())).Application.Number;

        await fixture.Applications.GetApplicationAsync(new P.GetApplicationRequest { Number = number });
        await fixture.Queries.GetApplicationByNumberAsync(new P.GetApplicationByNumberRequest { Number = number }, Operator);

        Assert.Empty(await AuditOf(number));
    }

    [Fact]
    public async Task ADepartment_ReadsItsOwnMattersAndTheIdentityNumber_Audited_AndNobodyElseGetsTheNumber()
    {
        var identity = Identities.Next();
        var number = (await fixture.Applications.SubmitApplicationAsync(Requests.Submit(Requests.AllNine(identity)))).Application.Number;

        var tax = await fixture.Queries.GetApplicationByNumberAsync(
            new P.GetApplicationByNumberRequest { Number = number, Purpose = "核定缴费" }, Callers.Bearer(Callers.Department(P.Department.Tax, "5301")));
        var clerk = await fixture.Queries.GetApplicationByNumberAsync(new P.GetApplicationByNumberRequest { Number = number }, Callers.Bearer(Callers.Clerk()));
        var ops = await fixture.Queries.GetApplicationByNumberAsync(new P.GetApplicationByNumberRequest { Number = number }, Operator);

        Assert.Equal(identity, tax.IdentityNumber);
        Assert.Equal([P.Matter.PremiumDeclaration], tax.Application.Matters.Select(m => m.Matter));
        Assert.Equal("", clerk.IdentityNumber);
        Assert.Equal("", ops.IdentityNumber);
        Assert.Equal(9, ops.Application.Matters.Count);
        var record = Assert.Single(await AuditOf(number));
        Assert.Equal(("Department", "核定缴费", "GetApplicationByNumber"), (record.Role, record.Purpose, record.Action));
    }

    [Fact]
    public async Task TheAudit_IsAppendOnly_EvenForTheDatabaseOwner()
    {
        var (_, number) = await ClosedApplicationAsync();
        await fixture.Queries.GetApplicationByNumberAsync(new P.GetApplicationByNumberRequest { Number = number, Purpose = "x" }, Operator);

        foreach (var sql in new[]
        {
            $"update access_audit set purpose = 'nothing' where application_number = '{number}'",
            $"delete from access_audit where application_number = '{number}'",
            "truncate access_audit",
        })
        {
            var e = await Assert.ThrowsAsync<PostgresException>(() => fixture.CountAsync(sql));
            Assert.Contains("append-only", e.MessageText, StringComparison.Ordinal);
        }

        Assert.Equal("x", Assert.Single(await AuditOf(number)).Purpose);
    }

    [Fact]
    public async Task AccessRecords_ArePaged_NewestFirst_WithoutGapsOrRepeats()
    {
        var (_, number) = await ClosedApplicationAsync();
        for (var i = 0; i < 5; i++)
        {
            await fixture.Queries.GetApplicationByNumberAsync(new P.GetApplicationByNumberRequest { Number = number, Purpose = $"read {i}" }, Operator);
        }

        var pages = new List<P.AccessRecord>();
        var token = "";
        do
        {
            var page = await fixture.Queries.ListAccessRecordsAsync(new P.ListAccessRecordsRequest { ApplicationNumber = number, PageSize = 2, PageToken = token }, Operator);
            pages.AddRange(page.Records);
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(["read 4", "read 3", "read 2", "read 1", "read 0"], pages.Select(r => r.Purpose));
        Assert.Equal(5, (await fixture.Queries.ListAccessRecordsAsync(new P.ListAccessRecordsRequest { Subject = "operator-1", PageSize = 500 }, Operator)).Records.Count(r => r.ApplicationNumber == number));
    }

    [Fact]
    public async Task AnApplicant_ListsOwnApplications_WithoutGivingTheNumber_AndAClerkSeesOnlyTheirCounty()
    {
        var identity = Identities.Next();
        var here = (await fixture.Applications.SubmitApplicationAsync(Requests.Submit(Requests.AllNine(identity)))).Application.Number;
        await fixture.Applications.WithdrawApplicationAsync(new P.WithdrawApplicationRequest { RequestId = Requests.Id(), Number = here, Reason = "moved" });
        var details = Requests.AllNine(identity);
        details.CountyCode = "530103";
        var there = (await fixture.Applications.SubmitApplicationAsync(Requests.Submit(details))).Application.Number;

        var own = await fixture.Applications.ListMyApplicationsAsync(new P.ListMyApplicationsRequest(), Callers.Bearer(Callers.Applicant(identity)));
        var atWindow = await fixture.Applications.ListMyApplicationsAsync(new P.ListMyApplicationsRequest { IdentityNumber = identity }, Callers.Bearer(Callers.Clerk("530102")));

        Assert.Equal([there, here], own.Applications.Select(a => a.Number));
        Assert.Equal([here], atWindow.Applications.Select(a => a.Number));
    }

    [Fact]
    public async Task TooManyCalls_AreResourceExhausted_WithWhenToRetry_PerCaller()
    {
        // The fixture allows an applicant 5 calls a second (a bucket of 10); other callers are not slowed by it.
        var identity = Identities.Next();
        var me = Callers.Bearer(Callers.Applicant(identity));
        var statuses = new List<StatusCode>();
        RpcException? limited = null;
        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 30 && limited is null; i++)
        {
            try
            {
                await fixture.Calendar.ListLoadedYearsAsync(new P.ListLoadedYearsRequest(), me);
                statuses.Add(StatusCode.OK);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted)
            {
                limited = e;
            }
        }

        // The bucket of 10, plus what refilled at 5 a second while the calls ran (a loaded machine runs them slowly). Once
        // more a bucket at most: the rate limiter drops a partition that stood full and idle for 10 s, and one burst can
        // begin on the old bucket and go on with a new one (seen: 17 and 19 calls before the limit).
        Assert.NotNull(limited);
        Assert.InRange(statuses.Count, 5, (2 * 10) + (int)Math.Ceiling(elapsed.Elapsed.TotalSeconds * 5) + 1);
        var retry = limited.GetRpcStatus()!.GetDetail<Google.Rpc.RetryInfo>();
        Assert.NotNull(retry);
        Assert.InRange(retry.RetryDelay.ToTimeSpan(), TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(2));
        Assert.Contains("RATE_LIMITED", Requests.Reasons(limited));
        await fixture.Calendar.ListLoadedYearsAsync(new P.ListLoadedYearsRequest(), Callers.Bearer(Callers.Applicant(Identities.Next())));
    }

    [Fact]
    public async Task TooManyOpenStreams_ForOneCaller_AreResourceExhausted_UntilOneCloses()
    {
        // The fixture allows 64 open streams per caller.
        var department = Callers.Bearer(Callers.Sign(CallerTokens.Claims(CallerRole.Department, "streams-test", department: "Tax", jurisdiction: "5329")));
        var open = new List<AsyncServerStreamingCall<P.SubscribeWorkItemsResponse>>();
        try
        {
            for (var i = 0; i < 64; i++)
            {
                open.Add(fixture.Departments.SubscribeWorkItems(new P.SubscribeWorkItemsRequest { Department = P.Department.Tax, Jurisdiction = "5329" }, department));
            }

            // Each of them is running once its response headers are back.
            await Task.WhenAll(open.Select(c => c.ResponseHeadersAsync));
            using var oneTooMany = fixture.Departments.SubscribeWorkItems(new P.SubscribeWorkItemsRequest { Department = P.Department.Tax, Jurisdiction = "5329" }, department);
            var e = await Assert.ThrowsAsync<RpcException>(() => oneTooMany.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
        }
        finally
        {
            open.ForEach(c => c.Dispose());
        }
    }
}
