using Google.Protobuf;
using Grpc.Core;
using LingHuo.Contracts;
using LingHuo.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using P = LingHuo.Protos.V1;

namespace LingHuo.Gateway.Tests;

/// <summary>
/// Bad access: forged, expired, misaddressed and malformed tokens on every kind of RPC; callers reaching beyond their
/// role, person, county, department or jurisdiction; oversized and malformed payloads. Each gets its status and reason,
/// and nothing is stored, changed or audited.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class AccessCorpusTests(GatewayFixture fixture)
{
    /// <summary>A bad call: <paramref name="Arrange"/> sets the scene (someone else's application, say) and returns the call.</summary>
    public sealed record Case(string Name, Func<GatewayFixture, Task<Func<Task>>> Arrange, StatusCode Status, string? Reason)
    {
        public override string ToString() => Name;
    }

    private static Func<GatewayFixture, Task<Func<Task>>> Now(Func<GatewayFixture, Task> call) => f => Task.FromResult<Func<Task>>(() => call(f));

    /// <summary>The call made on an application of someone else's, filed at <paramref name="county"/> by its clerk.</summary>
    private static Func<GatewayFixture, Task<Func<Task>>> OnTheirs(Func<GatewayFixture, string, Task> call, string county = "530102", bool completed = false) => async f =>
    {
        var details = Requests.AllNine();
        details.CountyCode = county;
        var number = (await f.Applications.SubmitApplicationAsync(Requests.Submit(details))).Application.Number;
        if (completed)
        {
            await Requests.CompleteAllAsync(f.Departments, number);
        }

        return () => call(f, number);
    };

    private static readonly TheoryData<Case> All = Build();

    public static TheoryData<Case> Corpus() => All;

    /// <summary>The token variants a forger, a replayer or a careless integrator would send.</summary>
    private static IEnumerable<(string Name, Func<string> Token, string Reason)> BadTokens()
    {
        var clerk = CallerTokens.Claims(CallerRole.Clerk, "clerk-x", county: "530102");
        yield return ("signed with a key nobody trusts", () => Callers.Sign(clerk, Callers.StrangerKey.Private), "TOKEN_BAD_SIGNATURE");
        yield return ("unknown key id", () => Callers.Sign(clerk, keyId: "k9"), "TOKEN_UNKNOWN_KEY");
        yield return ("another issuer's key id", () => Callers.Sign(clerk, Callers.PortalKey.Private, keyId: "p1"), "TOKEN_UNKNOWN_KEY");
        yield return ("expired", () => Callers.Sign(clerk, now: DateTimeOffset.UtcNow.AddHours(-3)), "TOKEN_EXPIRED");
        yield return ("not valid yet", () => Callers.Sign(clerk, now: DateTimeOffset.UtcNow.AddHours(1)), "TOKEN_NOT_YET_VALID");
        yield return ("valid for two days", () => Callers.Sign(clerk, lifetime: TimeSpan.FromDays(2)), "TOKEN_LIFETIME_TOO_LONG");
        yield return ("wrong audience", () => Craft(d => d.Audience = "another-service", clerk), "TOKEN_WRONG_AUDIENCE");
        yield return ("no audience", () => Craft(d => d.Audience = null, clerk), "TOKEN_WRONG_AUDIENCE");
        yield return ("unknown issuer", () => Callers.Sign(clerk, issuer: "evil-issuer"), "TOKEN_UNKNOWN_ISSUER");
        yield return ("no expiry", () => Craft(d => d.Expires = null, clerk), "TOKEN_NO_EXPIRY");
        yield return ("unsigned (alg none)", () => Craft(d => d.SigningCredentials = null, clerk), "TOKEN_BAD_SIGNATURE");
        yield return ("HMAC with the public key as secret", () => Craft(d => d.SigningCredentials = new SigningCredentials(
            new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(Callers.Key1.Public)) { KeyId = "k1" }, SecurityAlgorithms.HmacSha256), clerk), "TOKEN_BAD_SIGNATURE");
        yield return ("garbage", () => "not-a-token", "TOKEN_MALFORMED");
        yield return ("three dots of garbage", () => "abc.def.ghi", "TOKEN_MALFORMED");
        yield return ("payload tampered after signing", () => Tamper(Callers.Sign(CallerTokens.Claims(CallerRole.Applicant, "a", applicantKey: new string('a', 64)))), "TOKEN_BAD_SIGNATURE");
        yield return ("no role", () => Callers.Sign(new Dictionary<string, object> { ["sub"] = "x" }), "TOKEN_CLAIMS_INVALID");
        yield return ("unknown role", () => Callers.Sign(new Dictionary<string, object> { ["sub"] = "x", ["role"] = "admin" }), "TOKEN_CLAIMS_INVALID");
        yield return ("numeric role", () => Callers.Sign(new Dictionary<string, object> { ["sub"] = "x", ["role"] = "4" }), "TOKEN_CLAIMS_INVALID");
        yield return ("no subject", () => Callers.Sign(new Dictionary<string, object> { ["role"] = "operator" }), "TOKEN_CLAIMS_INVALID");
        yield return ("applicant without applicant key", () => Callers.Sign(CallerTokens.Claims(CallerRole.Applicant, "a")), "TOKEN_CLAIMS_INVALID");
        yield return ("applicant key not hex", () => Callers.Sign(CallerTokens.Claims(CallerRole.Applicant, "a", applicantKey: new string('z', 64))), "TOKEN_CLAIMS_INVALID");
        yield return ("clerk without county", () => Callers.Sign(CallerTokens.Claims(CallerRole.Clerk, "c")), "TOKEN_CLAIMS_INVALID");
        yield return ("clerk of a Beijing county", () => Callers.Sign(CallerTokens.Claims(CallerRole.Clerk, "c", county: "110105")), "TOKEN_CLAIMS_INVALID");
        yield return ("department without jurisdiction", () => Callers.Sign(CallerTokens.Claims(CallerRole.Department, "d", department: "Tax")), "TOKEN_CLAIMS_INVALID");
        yield return ("department of an unknown kind", () => Callers.Sign(CallerTokens.Claims(CallerRole.Department, "d", department: "Police", jurisdiction: "53")), "TOKEN_CLAIMS_INVALID");
        yield return ("portal vouching for an operator", () => Callers.Sign(CallerTokens.Claims(CallerRole.Operator, "o"), Callers.PortalKey.Private, "p1", Callers.PortalIssuer), "ISSUER_MAY_NOT_VOUCH_FOR_ROLE");
        yield return ("portal vouching for a clerk", () => Callers.Sign(CallerTokens.Claims(CallerRole.Clerk, "c", county: "530102"), Callers.PortalKey.Private, "p1", Callers.PortalIssuer), "ISSUER_MAY_NOT_VOUCH_FOR_ROLE");
    }

    /// <summary>One call per service, mutating or reading: a bad token must stop each before anything happens.</summary>
    private static IEnumerable<(string Name, Func<GatewayFixture, Metadata, Task> Call)> Rpcs()
    {
        yield return ("SubmitApplication", (f, h) => new P.ApplicationService.ApplicationServiceClient(f.Channel).SubmitApplicationAsync(Requests.Submit(), h).ResponseAsync);
        yield return ("GetApplication", (f, h) => new P.ApplicationService.ApplicationServiceClient(f.Channel).GetApplicationAsync(new P.GetApplicationRequest { Number = "530102-20261129-000001" }, h).ResponseAsync);
        yield return ("ClaimMatter", (f, h) => new P.DepartmentService.DepartmentServiceClient(f.Channel).ClaimMatterAsync(new P.ClaimMatterRequest
        {
            RequestId = Requests.Id(), Number = "530102-20261129-000001", Matter = P.Matter.MedicalInsurance, Department = P.Department.MedicalSecurity, Handler = "h",
        }, h).ResponseAsync);
        yield return ("SubscribeWorkItems", async (f, h) =>
        {
            using var feed = new P.DepartmentService.DepartmentServiceClient(f.Channel).SubscribeWorkItems(
                new P.SubscribeWorkItemsRequest { Department = P.Department.Tax, Jurisdiction = "53" }, h);
            await feed.ResponseStream.MoveNext(CancellationToken.None);
        });
        yield return ("SearchApplications", (f, h) => new P.QueryService.QueryServiceClient(f.Channel).SearchApplicationsAsync(new P.SearchApplicationsRequest(), h).ResponseAsync);
        yield return ("ListAccessRecords", (f, h) => new P.QueryService.QueryServiceClient(f.Channel).ListAccessRecordsAsync(new P.ListAccessRecordsRequest(), h).ResponseAsync);
        yield return ("LoadHolidaySchedule", (f, h) => new P.CalendarService.CalendarServiceClient(f.Channel).LoadHolidayScheduleAsync(new P.LoadHolidayScheduleRequest
        {
            ScheduleJson = """{"year": 2031, "source": "forged", "holidays": [["2031-01-01", "2031-01-01"]], "workingWeekendDays": []}""",
        }, h).ResponseAsync);
        yield return ("CountWorkingDays", (f, h) => new P.CalendarService.CalendarServiceClient(f.Channel).CountWorkingDaysAsync(new P.CountWorkingDaysRequest { From = "2026-01-01", To = "2026-01-31" }, h).ResponseAsync);
    }

    private static TheoryData<Case> Build()
    {
        var cases = new List<Case>();
        foreach (var (rpc, call) in Rpcs())
        {
            foreach (var (name, token, reason) in BadTokens())
            {
                cases.Add(new($"{rpc}: token {name}", Now(f => call(f, Callers.Bearer(token()))), StatusCode.Unauthenticated, reason));
            }

            cases.Add(new($"{rpc}: no authorization header", Now(f => call(f, [])), StatusCode.Unauthenticated, "TOKEN_MISSING"));
            cases.Add(new($"{rpc}: Basic instead of Bearer", Now(f => call(f, new Metadata { { "authorization", "Basic dXNlcjpwYXNz" } })), StatusCode.Unauthenticated, "TOKEN_MISSING"));
            cases.Add(new($"{rpc}: Bearer with nothing after it", Now(f => call(f, new Metadata { { "authorization", "Bearer " } })), StatusCode.Unauthenticated, "TOKEN_MISSING"));
        }

        cases.AddRange(Reaching());
        cases.AddRange(Payloads());
        var data = new TheoryData<Case>();
        foreach (var c in cases)
        {
            data.Add(c);
        }

        return data;
    }

    /// <summary>Callers with good tokens reaching beyond what their role and scope allow.</summary>
    private static IEnumerable<Case> Reaching()
    {
        const StatusCode Denied = StatusCode.PermissionDenied;
        var hrss = P.Department.HumanResourcesSocialSecurity;
        Case Deny(string name, Func<GatewayFixture, Task> call, string reason) => new(name, Now(call), Denied, reason);
        Case DenyOn(string name, Func<GatewayFixture, string, Task> call, string reason, string county = "530102") => new(name, OnTheirs(call, county), Denied, reason);

        // A stranger of their own for each case: one applicant's calls are rate limited (5/s in the fixture).
        static Metadata Me() => Callers.Bearer(Callers.Applicant(Identities.Next()));
        yield return DenyOn("applicant reads another's application", async (f, n) => await f.Applications.GetApplicationAsync(new P.GetApplicationRequest { Number = n }, Me()), "NOT_OWN_APPLICATION");
        yield return DenyOn("applicant withdraws another's application", async (f, n) => await f.Applications.WithdrawApplicationAsync(new P.WithdrawApplicationRequest { RequestId = Requests.Id(), Number = n, Reason = "x" }, Me()), "NOT_OWN_APPLICATION");
        yield return DenyOn("applicant supplements another's application", async (f, n) => await f.Applications.SupplementMaterialsAsync(new P.SupplementMaterialsRequest
        {
            RequestId = Requests.Id(), Number = n, Materials = { new P.ProvidedMaterial { Material = P.Material.ApplicationForm, Source = P.MaterialSource.Upload, Reference = "f" } },
        }, Me()), "NOT_OWN_APPLICATION");
        yield return DenyOn("applicant watches another's application", async (f, n) =>
        {
            using var watch = f.Applications.WatchApplication(new P.WatchApplicationRequest { Number = n }, Me());
            await watch.ResponseStream.MoveNext(CancellationToken.None);
        }, "NOT_OWN_APPLICATION");
        yield return Deny("applicant files for another person", f => f.Applications.SubmitApplicationAsync(Requests.Submit(), Me()).ResponseAsync, "NOT_OWN_APPLICATION");
        yield return Deny("applicant pre-checks another person", f => f.Applications.PrecheckApplicationAsync(new P.PrecheckApplicationRequest { Details = Requests.AllNine() }, Me()).ResponseAsync, "NOT_OWN_APPLICATION");
        yield return Deny("applicant lists another person's applications", f => f.Applications.ListMyApplicationsAsync(new P.ListMyApplicationsRequest { IdentityNumber = Identities.Next() }, Me()).ResponseAsync, "NOT_OWN_APPLICATION");
        yield return Deny("applicant searches", f => f.Queries.SearchApplicationsAsync(new P.SearchApplicationsRequest(), Me()).ResponseAsync, "ROLE_NOT_ALLOWED");
        yield return Deny("applicant reads the access audit", f => f.Queries.ListAccessRecordsAsync(new P.ListAccessRecordsRequest(), Me()).ResponseAsync, "ROLE_NOT_ALLOWED");
        yield return DenyOn("applicant claims a matter", async (f, n) => await f.Departments.ClaimMatterAsync(new P.ClaimMatterRequest { RequestId = Requests.Id(), Number = n, Matter = P.Matter.MedicalInsurance, Department = P.Department.MedicalSecurity, Handler = "me" }, Me()), "ROLE_NOT_ALLOWED");
        yield return Deny("applicant loads a holiday schedule", f => f.Calendar.LoadHolidayScheduleAsync(new P.LoadHolidayScheduleRequest { ScheduleJson = "{}" }, Me()).ResponseAsync, "ROLE_NOT_ALLOWED");

        var clerk = Callers.Bearer(Callers.Clerk("530102"));
        yield return DenyOn("clerk reads another county's application", async (f, n) => await f.Applications.GetApplicationAsync(new P.GetApplicationRequest { Number = n }, clerk), "OUTSIDE_JURISDICTION", "530103");
        yield return DenyOn("clerk withdraws another county's application", async (f, n) => await f.Applications.WithdrawApplicationAsync(new P.WithdrawApplicationRequest { RequestId = Requests.Id(), Number = n, Reason = "x" }, clerk), "OUTSIDE_JURISDICTION", "530103");
        yield return Deny("clerk files at another county", f =>
        {
            var details = Requests.AllNine();
            details.CountyCode = "530103";
            return f.Applications.SubmitApplicationAsync(Requests.Submit(details), clerk).ResponseAsync;
        }, "OUTSIDE_JURISDICTION");
        yield return DenyOn("clerk reads another county by number", async (f, n) => await f.Queries.GetApplicationByNumberAsync(new P.GetApplicationByNumberRequest { Number = n, Purpose = "x" }, clerk), "OUTSIDE_JURISDICTION", "530103");
        yield return Deny("clerk searches the whole city", f => f.Queries.SearchApplicationsAsync(new P.SearchApplicationsRequest { CountyPrefix = "5301" }, clerk).ResponseAsync, "OUTSIDE_JURISDICTION");
        yield return Deny("clerk searches another county", f => f.Queries.SearchApplicationsAsync(new P.SearchApplicationsRequest { CountyPrefix = "530103" }, clerk).ResponseAsync, "OUTSIDE_JURISDICTION");
        yield return Deny("clerk overviews the province", f => f.Queries.GetSlaOverviewAsync(new P.GetSlaOverviewRequest { CountyPrefix = "53" }, clerk).ResponseAsync, "OUTSIDE_JURISDICTION");
        yield return DenyOn("clerk claims a matter", async (f, n) => await f.Departments.ClaimMatterAsync(new P.ClaimMatterRequest { RequestId = Requests.Id(), Number = n, Matter = P.Matter.MedicalInsurance, Department = P.Department.MedicalSecurity, Handler = "c" }, clerk), "ROLE_NOT_ALLOWED");
        yield return Deny("clerk subscribes to a feed", async f =>
        {
            using var feed = f.Departments.SubscribeWorkItems(new P.SubscribeWorkItemsRequest { Department = hrss, Jurisdiction = "530102" }, clerk);
            await feed.ResponseStream.MoveNext(CancellationToken.None);
        }, "ROLE_NOT_ALLOWED");
        yield return Deny("clerk reads the access audit", f => f.Queries.ListAccessRecordsAsync(new P.ListAccessRecordsRequest(), clerk).ResponseAsync, "ROLE_NOT_ALLOWED");
        yield return Deny("clerk loads a holiday schedule", f => f.Calendar.LoadHolidayScheduleAsync(new P.LoadHolidayScheduleRequest { ScheduleJson = "{}" }, clerk).ResponseAsync, "ROLE_NOT_ALLOWED");

        var kunming = Callers.Bearer(Callers.Department(hrss, "5301"));
        yield return Deny("department subscribes to another city", async f =>
        {
            using var feed = f.Departments.SubscribeWorkItems(new P.SubscribeWorkItemsRequest { Department = hrss, Jurisdiction = "5302" }, kunming);
            await feed.ResponseStream.MoveNext(CancellationToken.None);
        }, "OUTSIDE_JURISDICTION");
        yield return Deny("department subscribes to the whole province", async f =>
        {
            using var feed = f.Departments.SubscribeWorkItems(new P.SubscribeWorkItemsRequest { Department = hrss, Jurisdiction = "53" }, kunming);
            await feed.ResponseStream.MoveNext(CancellationToken.None);
        }, "OUTSIDE_JURISDICTION");
        yield return Deny("department subscribes to another department's feed", async f =>
        {
            using var feed = f.Departments.SubscribeWorkItems(new P.SubscribeWorkItemsRequest { Department = P.Department.Tax, Jurisdiction = "5301" }, kunming);
            await feed.ResponseStream.MoveNext(CancellationToken.None);
        }, "OTHER_DEPARTMENT");
        yield return DenyOn("department claims as another department", async (f, n) => await f.Departments.ClaimMatterAsync(new P.ClaimMatterRequest
        {
            RequestId = Requests.Id(), Number = n, Matter = P.Matter.MedicalInsurance, Department = P.Department.MedicalSecurity, Handler = "d",
        }, kunming), "OTHER_DEPARTMENT");
        yield return DenyOn("department claims in another city", async (f, n) => await f.Departments.ClaimMatterAsync(new P.ClaimMatterRequest
        {
            RequestId = Requests.Id(), Number = n, Matter = P.Matter.SocialInsuranceRegistration, Department = hrss, Handler = "d",
        }, kunming), "OUTSIDE_JURISDICTION", "530321");
        yield return DenyOn("department rejects in another city", async (f, n) => await f.Departments.RejectMatterAsync(new P.RejectMatterRequest
        {
            RequestId = Requests.Id(), Number = n, Matter = P.Matter.SocialInsuranceRegistration, Department = hrss, Reason = "x",
        }, kunming), "OUTSIDE_JURISDICTION", "530321");
        yield return DenyOn("department reads another city's application", async (f, n) => await f.Queries.GetApplicationByNumberAsync(new P.GetApplicationByNumberRequest { Number = n, Purpose = "x" }, kunming), "OUTSIDE_JURISDICTION", "530321");
        yield return new("department reads an application with none of its matters", async f =>
        {
            var details = Requests.AllNine();
            details.Matters.Clear();
            details.Matters.Add(P.Matter.SocialInsuranceRegistration);
            details.Materials.RemoveAt(2);
            var number = (await f.Applications.SubmitApplicationAsync(Requests.Submit(details))).Application.Number;
            return () => f.Queries.GetApplicationByNumberAsync(new P.GetApplicationByNumberRequest { Number = number, Purpose = "x" }, Callers.Bearer(Callers.Department(P.Department.Tax))).ResponseAsync;
        }, Denied, "OTHER_DEPARTMENT");
        yield return Deny("department files an application", f => f.Applications.SubmitApplicationAsync(Requests.Submit(), kunming).ResponseAsync, "ROLE_NOT_ALLOWED");
        yield return DenyOn("department withdraws an application", async (f, n) => await f.Applications.WithdrawApplicationAsync(new P.WithdrawApplicationRequest { RequestId = Requests.Id(), Number = n, Reason = "x" }, kunming), "ROLE_NOT_ALLOWED");
        yield return Deny("department searches", f => f.Queries.SearchApplicationsAsync(new P.SearchApplicationsRequest(), kunming).ResponseAsync, "ROLE_NOT_ALLOWED");

        var ops = Callers.Bearer(Callers.Operator());
        yield return DenyOn("operator claims a matter", async (f, n) => await f.Departments.ClaimMatterAsync(new P.ClaimMatterRequest { RequestId = Requests.Id(), Number = n, Matter = P.Matter.MedicalInsurance, Department = P.Department.MedicalSecurity, Handler = "o" }, ops), "ROLE_NOT_ALLOWED");
        yield return DenyOn("operator completes a matter", async (f, n) => await f.Departments.CompleteMatterAsync(new P.CompleteMatterRequest { RequestId = Requests.Id(), Number = n, Matter = P.Matter.MedicalInsurance, Department = P.Department.MedicalSecurity }, ops), "ROLE_NOT_ALLOWED");
        yield return DenyOn("operator withdraws an application", async (f, n) => await f.Applications.WithdrawApplicationAsync(new P.WithdrawApplicationRequest { RequestId = Requests.Id(), Number = n, Reason = "x" }, ops), "ROLE_NOT_ALLOWED");
        yield return Deny("operator files an application", f => f.Applications.SubmitApplicationAsync(Requests.Submit(), ops).ResponseAsync, "ROLE_NOT_ALLOWED");
        yield return Deny("operator records applicant facts", f => f.Departments.RecordApplicantFactsAsync(new P.RecordApplicantFactsRequest
        {
            RequestId = Requests.Id(), IdentityNumber = Identities.Next(), Facts = new P.ApplicantDeclaration(),
        }, ops).ResponseAsync, "ROLE_NOT_ALLOWED");
    }

    /// <summary>Oversized and malformed payloads from callers whose tokens are good.</summary>
    private static IEnumerable<Case> Payloads()
    {
        var ops = Callers.Bearer(Callers.Operator());
        var clerk = Callers.Bearer(Callers.Clerk());
        yield return new("a request over 21 MB", Now(f =>
        {
            var request = Requests.Submit();
            request.Details.Materials.Add(new P.ProvidedMaterial { Material = P.Material.IdPhoto, Source = P.MaterialSource.Upload, Content = ByteString.CopyFrom(new byte[22 * 1024 * 1024]) });
            return f.Applications.SubmitApplicationAsync(request, clerk).ResponseAsync;
        }), StatusCode.ResourceExhausted, null);
        yield return new("a purpose of 201 characters", OnTheirs(
            (f, n) => f.Queries.GetApplicationByNumberAsync(new P.GetApplicationByNumberRequest { Number = n, Purpose = new string('p', 201) }, ops).ResponseAsync, completed: true),
            StatusCode.InvalidArgument, "REFUSAL_CODE_TOO_LONG");
        yield return new("a purpose with a control character", OnTheirs(
            (f, n) => f.Queries.GetApplicationByNumberAsync(new P.GetApplicationByNumberRequest { Number = n, Purpose = "why\u0007" }, ops).ResponseAsync, completed: true),
            StatusCode.InvalidArgument, "REFUSAL_CODE_INVALID_CHARACTER");
        yield return new("no purpose for a rights record", OnTheirs(
            (f, n) => f.Applications.GetApplicationAsync(new P.GetApplicationRequest { Number = n }, clerk).ResponseAsync, completed: true),
            StatusCode.InvalidArgument, "REFUSAL_CODE_REQUIRED");
        yield return new("no purpose for a department's identity read", OnTheirs(
            (f, n) => f.Queries.GetApplicationByNumberAsync(new P.GetApplicationByNumberRequest { Number = n }, Callers.Bearer(Callers.Department(P.Department.Tax))).ResponseAsync),
            StatusCode.InvalidArgument, "REFUSAL_CODE_REQUIRED");
        yield return new("access records: page of 501", Now(f => f.Queries.ListAccessRecordsAsync(new P.ListAccessRecordsRequest { PageSize = 501 }, ops).ResponseAsync), StatusCode.InvalidArgument, "REFUSAL_CODE_INVALID_VALUE");
        yield return new("access records: negative page", Now(f => f.Queries.ListAccessRecordsAsync(new P.ListAccessRecordsRequest { PageSize = -1 }, ops).ResponseAsync), StatusCode.InvalidArgument, "REFUSAL_CODE_INVALID_VALUE");
        yield return new("access records: forged page token", Now(f => f.Queries.ListAccessRecordsAsync(new P.ListAccessRecordsRequest { PageToken = "1; drop table access_audit" }, ops).ResponseAsync), StatusCode.InvalidArgument, "REFUSAL_CODE_INVALID_VALUE");
        yield return new("number with SQL in it", Now(f => f.Queries.GetApplicationByNumberAsync(new P.GetApplicationByNumberRequest { Number = "530102'; --", Purpose = "x" }, ops).ResponseAsync), StatusCode.InvalidArgument, "REFUSAL_CODE_INVALID_VALUE");
        yield return new("a token of 40 KB", Now(f => f.Calendar.ListLoadedYearsAsync(new P.ListLoadedYearsRequest(), Callers.Bearer(new string('a', 40 * 1024))).ResponseAsync), StatusCode.Internal, null);
        yield return new("applicant listing with a malformed number", Now(f => f.Applications.ListMyApplicationsAsync(new P.ListMyApplicationsRequest { IdentityNumber = "53010219900101123" }, Callers.Bearer(Callers.Applicant(Identities.Next()))).ResponseAsync), StatusCode.InvalidArgument, "REFUSAL_CODE_IDENTITY_LENGTH");
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task BadAccess_GetsItsStatus_AndChangesNothing(Case bad)
    {
        ArgumentNullException.ThrowIfNull(bad);
        var call = await bad.Arrange(fixture);
        var before = await Stored();

        var e = await Assert.ThrowsAsync<RpcException>(call);

        Assert.Equal(bad.Status, e.StatusCode);
        if (bad.Reason is { } reason)
        {
            Assert.Contains(reason, Requests.Reasons(e));
            Assert.Contains(" / ", e.Status.Detail, StringComparison.Ordinal);
        }

        Assert.Equal(before, await Stored());
    }

    [Fact]
    public void Corpus_WithTheSubmissionCorpus_HasAtLeastThreeHundredCases() =>
        Assert.True(All.Count + BadRequestCorpusTests.Corpus().Count() >= 300, $"{All.Count} + {BadRequestCorpusTests.Corpus().Count()} cases");

    [Fact]
    public async Task ARotatedKey_IsAccepted_AsIsAPortalVouchingForAnApplicant()
    {
        var identity = Identities.Next();
        var number = (await fixture.Applications.SubmitApplicationAsync(Requests.Submit(Requests.AllNine(identity)))).Application.Number;
        var byNewKey = Callers.Sign(CallerTokens.Claims(CallerRole.Clerk, "clerk-rotated", county: "530102"), Callers.Key2.Private, "k2");
        var byPortal = Callers.Sign(CallerTokens.Claims(CallerRole.Applicant, "portal-user", applicantKey: Callers.ApplicantKeyOf(identity)), Callers.PortalKey.Private, "p1", Callers.PortalIssuer);

        Assert.Equal(number, (await fixture.Applications.GetApplicationAsync(new P.GetApplicationRequest { Number = number }, Callers.Bearer(byNewKey))).Application.Number);
        Assert.Equal(number, (await fixture.Applications.GetApplicationAsync(new P.GetApplicationRequest { Number = number }, Callers.Bearer(byPortal))).Application.Number);
    }

    /// <summary>What a bad call could leave behind: state, events, audit records, calendar years.</summary>
    private async Task<(long States, long Events, long Audit, string Calendar)> Stored() => (
        await fixture.CountAsync("select count(*) from orleans_grain_state"),
        await fixture.CountAsync("select count(*) from case_events"),
        await fixture.CountAsync("select count(*) from access_audit"),
        string.Join(",", (await fixture.Calendar.ListLoadedYearsAsync(new P.ListLoadedYearsRequest())).Years));

    private static string Craft(Action<SecurityTokenDescriptor> change, Dictionary<string, object> claims)
    {
        var key = CallerTokens.Key(Callers.Key1.Private, "k1");
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Callers.Issuer,
            Audience = CallerTokens.Audience,
            Claims = claims,
            IssuedAt = DateTime.UtcNow,
            NotBefore = DateTime.UtcNow,
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256),
        };
        change(descriptor);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    private static string Tamper(string token)
    {
        var parts = token.Split('.');
        var payload = System.Text.Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace("\"sub\":\"a\"", "\"sub\":\"b\"", StringComparison.Ordinal);
        Assert.Contains("\"sub\":\"b\"", payload, StringComparison.Ordinal);
        return $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
    }
}
