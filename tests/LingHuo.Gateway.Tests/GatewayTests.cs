using Grpc.Core;
using LingHuo.Testing;
using P = LingHuo.Protos.V1;

namespace LingHuo.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class GatewayTests(GatewayFixture fixture)
{
    [Fact]
    public async Task WholeLifecycle_ThroughThePublicApi_WithEveryChangeWatchedInOrder()
    {
        var submitted = (await fixture.Applications.SubmitApplicationAsync(Requests.Submit())).Application;
        Assert.Equal(P.ApplicationStatus.Accepted, submitted.Status);
        Assert.Equal(P.SlaState.OnTime, submitted.Sla.State);

        using var watch = fixture.Applications.WatchApplication(new P.WatchApplicationRequest { Number = submitted.Number });
        var watched = Task.Run(async () =>
        {
            var events = new List<P.CaseEvent>();
            await foreach (var message in watch.ResponseStream.ReadAllAsync())
            {
                events.Add(message.Event);
            }

            return events;
        });

        var application = await Requests.CompleteAllAsync(fixture.Departments, submitted.Number);

        Assert.Equal(P.ApplicationOutcome.AllCompleted, application.Outcome);
        var events = await watched.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(Enumerable.Range(1, (int)application.Version).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal(["ApplicationClosed", "RatingInvited"], events[^2..].Select(e => e.Type));
        Assert.Equal(9, events.Count(e => e.Type == "MatterCompleted"));

        // Watching subscribed to the application's status stream; its subscriptions stay in memory, never in PostgreSQL.
        Assert.Equal(0, await fixture.CountAsync("select count(*) from orleans_grain_state where grain_type = 'PubSubRendezvousGrain'"));

        var read = (await fixture.Queries.GetApplicationByNumberAsync(new P.GetApplicationByNumberRequest { Number = submitted.Number, Purpose = "test: read back" })).Application;
        Assert.Equal(application, read);
    }

    [Fact]
    public async Task Watch_FromASequence_SendsOnlyWhatCameAfter()
    {
        var submitted = (await fixture.Applications.SubmitApplicationAsync(Requests.Submit())).Application;
        await fixture.Applications.WithdrawApplicationAsync(new P.WithdrawApplicationRequest { RequestId = Requests.Id(), Number = submitted.Number, Reason = "moved" });

        using var watch = fixture.Applications.WatchApplication(new P.WatchApplicationRequest { Number = submitted.Number, AfterSequence = submitted.Version });
        var events = new List<P.CaseEvent>();
        await foreach (var message in watch.ResponseStream.ReadAllAsync())
        {
            events.Add(message.Event);
        }

        Assert.Equal(submitted.Version + 1, events[0].Sequence);
        Assert.Equal("ApplicationWithdrawn", events[0].Type);
        Assert.Equal(P.ApplicationOutcome.Withdrawn, events.Single(e => e.Type == "ApplicationClosed").Outcome);
        Assert.Equal("RatingInvited", events[^1].Type);
    }

    [Fact]
    public async Task Submit_Retried_ReturnsTheFirstOutcome()
    {
        var request = Requests.Submit();

        var first = await fixture.Applications.SubmitApplicationAsync(request);
        var retry = await fixture.Applications.SubmitApplicationAsync(request);

        Assert.False(first.Replayed);
        Assert.True(retry.Replayed);
        Assert.Equal(first.Application.Number, retry.Application.Number);
    }

    [Fact]
    public async Task SecondOpenApplication_IsAlreadyExists_NamingTheOpenOne_WithoutTheIdentityNumber()
    {
        var details = Requests.AllNine();
        var first = (await fixture.Applications.SubmitApplicationAsync(Requests.Submit(details))).Application;

        var e = await Assert.ThrowsAsync<RpcException>(() => fixture.Applications.SubmitApplicationAsync(Requests.Submit(details)).ResponseAsync);

        Assert.Equal(StatusCode.AlreadyExists, e.StatusCode);
        Assert.Contains(first.Number, e.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(details.IdentityNumber, e.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("REFUSAL_CODE_APPLICATION_ALREADY_OPEN", Requests.Reasons(e));
    }

    [Fact]
    public async Task CompletingAnUnclaimedMatter_IsFailedPrecondition_WithPreconditionFailure()
    {
        var number = (await fixture.Applications.SubmitApplicationAsync(Requests.Submit())).Application.Number;

        var e = await Assert.ThrowsAsync<RpcException>(() => fixture.Departments.CompleteMatterAsync(new P.CompleteMatterRequest
        {
            RequestId = Requests.Id(), Number = number, Matter = P.Matter.MedicalInsurance, Department = P.Department.MedicalSecurity, Result = new P.MatterResult(),
        }).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        var status = e.GetRpcStatus()!;
        var failure = status.GetDetail<Google.Rpc.PreconditionFailure>();
        Assert.Equal("REFUSAL_CODE_ILLEGAL_TRANSITION", Assert.Single(failure.Violations).Type);
        Assert.Contains("/", e.Status.Detail, StringComparison.Ordinal); // English / 中文
    }

    [Fact]
    public async Task StorageDown_IsUnavailable_NothingApplied_AndTheRetryWorksOnceItIsBack()
    {
        var number = (await fixture.Applications.SubmitApplicationAsync(Requests.Submit())).Application.Number;
        var claim = new P.ClaimMatterRequest { RequestId = Requests.Id(), Number = number, Matter = P.Matter.MedicalInsurance, Department = P.Department.MedicalSecurity, Handler = "h" };

        await using (await fixture.DatabaseDownAsync())
        {
            var e = await Assert.ThrowsAsync<RpcException>(() => fixture.Departments.ClaimMatterAsync(claim).ResponseAsync);
            Assert.Equal(StatusCode.Unavailable, e.StatusCode);
            Assert.Contains("STORAGE_UNAVAILABLE", Requests.Reasons(e));
        }

        var before = (await fixture.Applications.GetApplicationAsync(new P.GetApplicationRequest { Number = number })).Application;
        Assert.Equal(P.MatterStatus.ReadyForDepartment, before.Matters.Single(m => m.Matter == P.Matter.MedicalInsurance).Status);
        var retried = await fixture.Departments.ClaimMatterAsync(claim);
        Assert.False(retried.Replayed);
        Assert.Equal(P.MatterStatus.Claimed, retried.Application.Matters.Single(m => m.Matter == P.Matter.MedicalInsurance).Status);
    }

    [Fact]
    public async Task UnknownApplication_IsNotFound() =>
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() =>
            fixture.Applications.GetApplicationAsync(new P.GetApplicationRequest { Number = "530102-20000101-999999" }).ResponseAsync)).StatusCode);

    [Fact]
    public async Task ListMyApplications_ShowsThePersonsApplications_NewestFirst()
    {
        var details = Requests.AllNine();
        var first = (await fixture.Applications.SubmitApplicationAsync(Requests.Submit(details))).Application;
        await fixture.Applications.WithdrawApplicationAsync(new P.WithdrawApplicationRequest { RequestId = Requests.Id(), Number = first.Number });
        var second = (await fixture.Applications.SubmitApplicationAsync(Requests.Submit(details))).Application;

        var mine = await fixture.Applications.ListMyApplicationsAsync(new P.ListMyApplicationsRequest { IdentityNumber = details.IdentityNumber });

        Assert.Equal([second.Number, first.Number], mine.Applications.Select(a => a.Number));
    }

    [Fact]
    public async Task Precheck_TellsEverythingAtOnce_AndCreatesNothing()
    {
        var before = await fixture.CountAsync("select count(*) from orleans_grain_state");
        var details = Requests.AllNine();
        details.Materials.Clear();
        details.Declaration.FullTimeStudent = true;

        var answer = await fixture.Applications.PrecheckApplicationAsync(new P.PrecheckApplicationRequest { Details = details });

        Assert.Equal(P.PrecheckVerdict.NotAccepted, answer.Verdict);
        Assert.Contains(answer.Refusals, r => r.Code == P.RefusalCode.FullTimeStudent && r.Field == "details.declaration.full_time_student");
        Assert.Equal(3, answer.Refusals.Count(r => r.Code == P.RefusalCode.MaterialMissing));
        Assert.Equal(3, answer.MissingMaterials.Count);
        Assert.Equal("1000.00", answer.Premium.PensionMonthly);
        Assert.Equal(before, await fixture.CountAsync("select count(*) from orleans_grain_state"));
    }

    [Fact]
    public async Task Calendar_AnswersTheWorkedExamples_AndLoadsANewYear()
    {
        var add = await fixture.Calendar.AddWorkingDaysAsync(new P.AddWorkingDaysRequest { Start = "2026-09-30", WorkingDays = 19 });
        var count = await fixture.Calendar.CountWorkingDaysAsync(new P.CountWorkingDaysRequest { From = "2026-02-13", To = "2026-02-24" });
        var deadline = await fixture.Calendar.GetDeadlineAsync(new P.GetDeadlineRequest
        {
            AcceptedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 9, 30, 10, 0, 0, TimeSpan.FromHours(8))),
            WorkingDays = 2,
        });

        Assert.Equal(("2026-11-02", false), (add.Date, add.Provisional));
        Assert.Equal(2, count.Count);
        Assert.Equal("2026-10-09", deadline.Deadline.Day);

        var loaded = await fixture.Calendar.LoadHolidayScheduleAsync(new P.LoadHolidayScheduleRequest
        {
            ScheduleJson = """{"year": 2027, "source": "test", "holidays": [["2027-01-01", "2027-01-01"]], "workingWeekendDays": []}""",
        });
        Assert.Contains(2027, loaded.Years);
        var afterLoad = await fixture.Calendar.AddWorkingDaysAsync(new P.AddWorkingDaysRequest { Start = "2026-12-31", WorkingDays = 1 });
        Assert.Equal(("2027-01-04", false), (afterLoad.Date, afterLoad.Provisional));

        var bad = await Assert.ThrowsAsync<RpcException>(() => fixture.Calendar.LoadHolidayScheduleAsync(new P.LoadHolidayScheduleRequest { ScheduleJson = "{\"year\": 2028, \"workingWeekendDays\": [\"2028-01-05\"]}" }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
    }

    [Fact]
    public async Task HealthAndReflection_AreServed()
    {
        var health = new Grpc.Health.V1.Health.HealthClient(fixture.Channel);
        var answer = await health.CheckAsync(new Grpc.Health.V1.HealthCheckRequest());
        Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, answer.Status);
    }

    [Fact]
    public async Task Health_IsNotServing_WhileTheDatabaseIsDown_AndServingAgainAfter()
    {
        var health = new Grpc.Health.V1.Health.HealthClient(fixture.Channel);
        await using (await fixture.DatabaseDownAsync())
        {
            Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.NotServing, (await health.CheckAsync(new Grpc.Health.V1.HealthCheckRequest())).Status);
        }

        Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new Grpc.Health.V1.HealthCheckRequest())).Status);
    }

    [Fact]
    public async Task ProgressLookup_WithoutAToken_ByNumberAndName_ShowsTheStageAndNextStep_AndNothingPersonal()
    {
        var identity = Identities.Next();
        var submitted = (await fixture.Applications.SubmitApplicationAsync(Requests.Submit(Requests.AllNine(identity)))).Application;
        var anyone = new P.PublicService.PublicServiceClient(fixture.Channel);

        // Spaces and full-width forms do not matter.
        var progress = await anyone.LookupProgressAsync(new P.LookupProgressRequest { Number = submitted.Number, ApplicantName = " 张 三 " });

        Assert.Equal((P.ApplicationStatus.Accepted, "已受理，各部门办理中"), (progress.Status, progress.StepZh));
        Assert.Equal(submitted.Sla.Committed, progress.Sla.Committed);
        Assert.Equal([P.Department.HumanResourcesSocialSecurity, P.Department.MedicalSecurity, P.Department.Tax], progress.Departments.Select(d => d.Department));
        Assert.Equal(9, progress.Departments.Sum(d => d.Matters));
        Assert.DoesNotContain(identity, progress.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(identity[^4..], progress.ToString(), StringComparison.Ordinal);

        // A wrong name and an unknown number are told apart by nothing.
        var wrongName = await Assert.ThrowsAsync<RpcException>(() => anyone.LookupProgressAsync(new P.LookupProgressRequest { Number = submitted.Number, ApplicantName = "李四" }).ResponseAsync);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => anyone.LookupProgressAsync(new P.LookupProgressRequest { Number = submitted.Number[..^6] + "999999", ApplicantName = "张三" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, wrongName.StatusCode);
        Assert.Equal((wrongName.StatusCode, wrongName.Status.Detail), (unknown.StatusCode, unknown.Status.Detail));
        Assert.Equal(Requests.Reasons(wrongName), Requests.Reasons(unknown));

        var malformed = await Assert.ThrowsAsync<RpcException>(() => anyone.LookupProgressAsync(new P.LookupProgressRequest { Number = "530102", ApplicantName = "张三" }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, malformed.StatusCode);
        var nameless = await Assert.ThrowsAsync<RpcException>(() => anyone.LookupProgressAsync(new P.LookupProgressRequest { Number = submitted.Number }).ResponseAsync);
        Assert.Contains("REFUSAL_CODE_REQUIRED", Requests.Reasons(nameless));
    }
}
