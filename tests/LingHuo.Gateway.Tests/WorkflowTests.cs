using Google.Protobuf;
using Grpc.Core;
using LingHuo.Domain;
using LingHuo.Domain.Calendar;
using LingHuo.Testing;
using P = LingHuo.Protos.V1;

namespace LingHuo.Gateway.Tests;

/// <summary>
/// The case as people work it, over gRPC against the real gateway and PostgreSQL, with business time on a fake clock:
/// receipt, review, acceptance or refusal, one supplement notice, deadlines that pass, and the files that reach the
/// departments. Every deadline is checked against the working-day calendar.
/// </summary>
[Collection(WorkflowCollection.Name)]
public sealed class WorkflowTests(WorkflowFixture fixture)
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.Official;
    private static readonly CasePolicy Policy = CasePolicy.Default;

    private DateTimeOffset Now => fixture.Clock.GetUtcNow();

    [Fact]
    public async Task AnOnlineSubmission_WaitsForReview_InTheCountysQueue_ThenAClerkAcceptsIt_AndTheClocksStartThen()
    {
        var (identity, received) = await SubmitOnlineAsync();

        Assert.Equal(P.ApplicationStatus.PreCheck, received.Status);
        Assert.Null(received.Sla);
        Assert.Equal(Mapping.ToProto(Calendar.DeadlineAfter(Now, Policy.ReviewWorkingDays)), received.ReviewDue);

        var queued = await Polling.EventuallyAsync(
            async () => (await fixture.PlainQueries.ListReviewQueueAsync(new P.ListReviewQueueRequest(), fixture.Clerk())).Items,
            items => items.Any(i => i.Number == received.Number), what: "the application in the county's review queue");
        var item = queued.Single(i => i.Number == received.Number);
        Assert.Equal(received.ReviewDue, item.Due);
        Assert.Equal(Calendar.WorkingDaysBetween(BeijingTime.DateOf(Now), Calendar.DeadlineAfter(Now, 5).Day).Count, item.WorkingDaysLeft);
        Assert.Contains("*", item.ApplicantMasked, StringComparison.Ordinal);
        Assert.DoesNotContain(identity, item.ApplicantMasked, StringComparison.Ordinal);
        Assert.DoesNotContain((await fixture.PlainQueries.ListReviewQueueAsync(new P.ListReviewQueueRequest(), fixture.Clerk("530103"))).Items, i => i.Number == received.Number);

        // Another county's clerk and the applicant may not decide it.
        await AssertDenied(fixture.Plain.AcceptApplicationAsync(Accept(received.Number), fixture.Clerk("530103")).ResponseAsync, "OUTSIDE_JURISDICTION");
        await AssertDenied(fixture.Plain.AcceptApplicationAsync(Accept(received.Number), fixture.Applicant(identity)).ResponseAsync, "ROLE_NOT_ALLOWED");

        fixture.Clock.Advance(TimeSpan.FromDays(1));
        var accept = Accept(received.Number);
        var accepted = (await fixture.Plain.AcceptApplicationAsync(accept, fixture.Clerk())).Application;

        Assert.Equal(P.ApplicationStatus.Accepted, accepted.Status);
        Assert.Equal(Now, accepted.Sla.AcceptedAt.ToDateTimeOffset());
        Assert.Equal(Mapping.ToProto(Calendar.DeadlineAfter(Now, Policy.CommittedWorkingDays)), accepted.Sla.Committed);
        Assert.Equal(Mapping.ToProto(Calendar.DeadlineAfter(Now, Policy.StatutoryWorkingDays)), accepted.Sla.Statutory);
        Assert.Null(accepted.ReviewDue);
        Assert.True((await fixture.Plain.AcceptApplicationAsync(accept, fixture.Clerk())).Replayed);
        await AssertRefused(fixture.Plain.AcceptApplicationAsync(Accept(received.Number), fixture.Clerk()).ResponseAsync, StatusCode.FailedPrecondition, "REFUSAL_CODE_ILLEGAL_TRANSITION");

        // Staff see who acted; the applicant does not.
        var forClerk = await EventsAsync(received.Number, fixture.Clerk());
        var acceptance = forClerk.Single(e => e.Type == "ApplicationAccepted");
        Assert.Equal(new P.Actor { Kind = P.ActorKind.Clerk, Subject = "clerk-530102", Area = "530102" }, acceptance.Actor);
        Assert.False(acceptance.Deemed);
        Assert.Equal(P.ActorKind.Applicant, forClerk.Single(e => e.Type == "ApplicationSubmitted").Actor.Kind);
        Assert.All(await EventsAsync(received.Number, fixture.Applicant(identity)), e => Assert.Null(e.Actor));

        await Polling.EventuallyAsync(
            async () => (await fixture.PlainQueries.ListReviewQueueAsync(new P.ListReviewQueueRequest(), fixture.Clerk())).Items,
            items => items.All(i => i.Number != received.Number), what: "the accepted application out of the queue");
    }

    [Fact]
    public async Task AClerkRefusesAcceptance_WithReasonsAndTheirBasis_AndTheApplicationClosesAsNotAccepted()
    {
        var (_, received) = await SubmitOnlineAsync();

        await AssertRefused(
            fixture.Plain.RefuseAcceptanceAsync(new P.RefuseAcceptanceRequest { RequestId = Requests.Id(), Number = received.Number }, fixture.Clerk()).ResponseAsync,
            StatusCode.InvalidArgument, "REFUSAL_CODE_REQUIRED");
        var refused = (await fixture.Plain.RefuseAcceptanceAsync(new P.RefuseAcceptanceRequest
        {
            RequestId = Requests.Id(), Number = received.Number,
            Reasons = { "申请人已在外省参加职工基本养老保险", "所附身份证明与申请人不符" },
            LegalBasis = "《中华人民共和国行政许可法》第三十二条第一款第（一）项",
        }, fixture.Clerk())).Application;

        Assert.Equal(P.ApplicationStatus.Closed, refused.Status);
        Assert.Equal(P.ApplicationOutcome.NotAccepted, refused.Outcome);
        Assert.All(refused.Matters, m => Assert.Equal(P.MatterStatus.Cancelled, m.Status));
        var events = await EventsAsync(received.Number, fixture.Clerk());
        Assert.Equal("申请人已在外省参加职工基本养老保险；所附身份证明与申请人不符", events.Single(e => e.Type == "AcceptanceRefused").Reason);
        await AssertRefused(fixture.Plain.AcceptApplicationAsync(Accept(received.Number), fixture.Clerk()).ResponseAsync, StatusCode.FailedPrecondition, "REFUSAL_CODE_ILLEGAL_TRANSITION");
    }

    [Fact]
    public async Task OneSupplementNotice_ListsEverything_IsAnsweredInFull_AndTheApplicationIsBackInReview()
    {
        var (identity, received) = await SubmitOnlineAsync();
        var notice = new P.RequestSupplementRequest
        {
            RequestId = Requests.Id(), Number = received.Number,
            Items =
            {
                new P.SupplementItem { Material = P.Material.IdPhoto, Reason = "照片背景不是白色" },
                new P.SupplementItem { Material = P.Material.IdentityDocument, Reason = "身份证明已过有效期" },
            },
        };
        var waiting = (await fixture.Plain.RequestSupplementAsync(notice, fixture.Clerk())).Application;

        Assert.Equal(P.ApplicationStatus.SupplementRequired, waiting.Status);
        Assert.Equal(Mapping.ToProto(Calendar.DeadlineAfter(Now, Policy.SupplementWorkingDays)), waiting.SupplementDue);
        Assert.Equal(notice.Items, waiting.SupplementNotice);
        var second = notice.Clone();
        second.RequestId = Requests.Id();
        await AssertRefused(fixture.Plain.RequestSupplementAsync(second, fixture.Clerk()).ResponseAsync, StatusCode.FailedPrecondition, "REFUSAL_CODE_SUPPLEMENT_ALREADY_REQUESTED");

        // Half an answer names what is still missing and changes nothing.
        var photo = new P.ProvidedMaterial { Material = P.Material.IdPhoto, Source = P.MaterialSource.Upload, Content = Requests.Photo(400, 500) };
        var e = await Assert.ThrowsAsync<RpcException>(() => fixture.Plain.SupplementMaterialsAsync(
            new P.SupplementMaterialsRequest { RequestId = Requests.Id(), Number = received.Number, Materials = { photo } }, fixture.Applicant(identity)).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Contains("REFUSAL_CODE_SUPPLEMENT_INCOMPLETE", Requests.Reasons(e));
        Assert.Contains("有效身份证明", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(waiting.Version, (await GetAsync(received.Number)).Version);

        fixture.Clock.Advance(TimeSpan.FromDays(2));
        var answer = new P.SupplementMaterialsRequest
        {
            RequestId = Requests.Id(), Number = received.Number,
            Materials = { photo, new P.ProvidedMaterial { Material = P.Material.IdentityDocument, Source = P.MaterialSource.DataSharing, Reference = "公安人口库:2026-0042" } },
        };
        var answered = (await fixture.Plain.SupplementMaterialsAsync(answer, fixture.Applicant(identity))).Application;

        Assert.Equal(P.ApplicationStatus.PreCheck, answered.Status);
        Assert.Equal(Now, answered.ReceivedAt.ToDateTimeOffset());
        Assert.Equal(Mapping.ToProto(Calendar.DeadlineAfter(Now, Policy.ReviewWorkingDays)), answered.ReviewDue);
        Assert.Equal("公安人口库:2026-0042", answered.Materials.Single(m => m.Material == P.Material.IdentityDocument).Reference);
        Assert.Equal(photo.Content.Length, answered.Materials.Single(m => m.Material == P.Material.IdPhoto).File.Size);
        Assert.Equal(P.ApplicationStatus.Accepted, (await fixture.Plain.AcceptApplicationAsync(Accept(received.Number), fixture.Clerk())).Application.Status);
    }

    [Fact]
    public async Task ASupplementNotice_NotAnsweredInTime_ClosesTheApplication_AndALateAnswerIsRefused()
    {
        var (identity, received) = await SubmitOnlineAsync();
        var waiting = (await fixture.Plain.RequestSupplementAsync(new P.RequestSupplementRequest
        {
            RequestId = Requests.Id(), Number = received.Number, Items = { new P.SupplementItem { Material = P.Material.IdPhoto, Reason = "照片模糊" } },
        }, fixture.Clerk())).Application;

        // At 09:00 the day before its last day, the applicant is reminded, once.
        var lastDay = DateOnly.Parse(waiting.SupplementDue.Day, System.Globalization.CultureInfo.InvariantCulture);
        fixture.Clock.SetUtcNow(BeijingTime.StartOf(lastDay.AddDays(-1)).AddHours(9));
        await Polling.EventuallyAsync(
            () => fixture.CountAsync($"select count(*) from notifications where application_number = '{received.Number}' and kind = 'SupplementDueTomorrow'"),
            n => n == 1, what: "the reminder written");

        fixture.Clock.SetUtcNow(waiting.SupplementDue.At.ToDateTimeOffset());
        var closed = await Polling.EventuallyAsync(() => GetAsync(received.Number), a => a.Status == P.ApplicationStatus.Closed, what: "closed as supplement overdue");
        var inbox = (await fixture.Plain.ListMyMessagesAsync(new P.ListMyMessagesRequest { Number = received.Number }, fixture.Applicant(identity))).Messages;
        Assert.Equal(
            [P.MessageKind.Received, P.MessageKind.SupplementRequested, P.MessageKind.SupplementDueTomorrow, P.MessageKind.Closed, P.MessageKind.RatingInvited],
            inbox.Select(m => m.Kind));
        Assert.Contains($"补正期限将于{BeijingTime.Written(lastDay)}24时届满", inbox[2].Text, StringComparison.Ordinal);

        Assert.Equal(P.ApplicationOutcome.SupplementOverdue, closed.Outcome);
        Assert.Equal(waiting.SupplementDue.At, closed.ClosedAt);
        await AssertRefused(fixture.Plain.SupplementMaterialsAsync(new P.SupplementMaterialsRequest
        {
            RequestId = Requests.Id(), Number = received.Number,
            Materials = { new P.ProvidedMaterial { Material = P.Material.IdPhoto, Source = P.MaterialSource.Upload, Content = Requests.Photo() } },
        }, fixture.Applicant(identity)).ResponseAsync, StatusCode.FailedPrecondition, "REFUSAL_CODE_ILLEGAL_TRANSITION");
    }

    [Fact]
    public async Task NobodyDecidesWithinTheReviewPeriod_TheApplicationIsDeemedAccepted_AsOfItsReceipt()
    {
        var (_, received) = await SubmitOnlineAsync();
        var receivedAt = received.ReceivedAt.ToDateTimeOffset();

        fixture.Clock.SetUtcNow(received.ReviewDue.At.ToDateTimeOffset().AddTicks(-1));
        Assert.Equal(P.ApplicationStatus.PreCheck, (await GetAsync(received.Number)).Status);
        fixture.Clock.SetUtcNow(received.ReviewDue.At.ToDateTimeOffset());
        var deemed = await Polling.EventuallyAsync(() => GetAsync(received.Number), a => a.Status == P.ApplicationStatus.Accepted, what: "deemed accepted");

        Assert.Equal(receivedAt, deemed.Sla.AcceptedAt.ToDateTimeOffset());
        Assert.Equal(Mapping.ToProto(Calendar.DeadlineAfter(receivedAt, Policy.CommittedWorkingDays)), deemed.Sla.Committed);
        var events = await EventsAsync(received.Number, fixture.Clerk());
        var accepted = events.Single(e => e.Type == "ApplicationAccepted");
        Assert.True(accepted.Deemed);
        Assert.Equal(P.ActorKind.System, accepted.Actor.Kind);
        Assert.Equal(received.ReviewDue.At, accepted.OccurredAt);
    }

    [Fact]
    public async Task AClerkTakesItAtTheWindow_AcceptedInTheSameStep_And人社ReadsThePhotoBackByteForByte()
    {
        var identity = Identities.Next();
        var photo = new byte[48 * 1024];
        Random.Shared.NextBytes(photo);
        Requests.Photo(413, 531).Span.CopyTo(photo);
        var details = Requests.AllNine(identity);
        details.Channel = P.Channel.Window;
        details.Materials.Clear();
        details.Materials.Add(new P.ProvidedMaterial { Material = P.Material.ApplicationForm, Source = P.MaterialSource.PaperOriginal });
        details.Materials.Add(new P.ProvidedMaterial { Material = P.Material.IdentityDocument, Source = P.MaterialSource.PaperOriginal });
        details.Materials.Add(new P.ProvidedMaterial { Material = P.Material.IdPhoto, Source = P.MaterialSource.Upload, Content = ByteString.CopyFrom(photo), MediaType = "image/png" });
        details.Materials.Add(new P.ProvidedMaterial { Material = P.Material.InsuranceProof, Source = P.MaterialSource.PaperOriginal });

        var accepted = (await fixture.Plain.SubmitApplicationAsync(Requests.Submit(details), fixture.Clerk())).Application;

        Assert.Equal(P.ApplicationStatus.Accepted, accepted.Status);
        var kept = accepted.Materials.Single(m => m.Material == P.Material.IdPhoto).File;
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(photo)), kept.Sha256);
        Assert.Equal(("image/png", photo.Length), (kept.MediaType, (int)kept.Size));

        var audited = await fixture.CountAsync($"select count(*) from access_audit where application_number = '{accepted.Number}' and action = 'GetMaterial'");
        var read = await fixture.Plain.GetMaterialAsync(
            new P.GetMaterialRequest { Number = accepted.Number, Material = P.Material.IdPhoto, Purpose = "制作社会保障卡" },
            fixture.Department(P.Department.HumanResourcesSocialSecurity));
        Assert.Equal(photo, read.Content.ToByteArray());
        Assert.Equal(kept, read.File);
        Assert.Equal(audited + 1, await fixture.CountAsync($"select count(*) from access_audit where application_number = '{accepted.Number}' and action = 'GetMaterial'"));

        // 医保 uses no photo; a paper original has no file; a department says why it reads.
        await AssertDenied(fixture.Plain.GetMaterialAsync(
            new P.GetMaterialRequest { Number = accepted.Number, Material = P.Material.IdPhoto, Purpose = "x" }, fixture.Department(P.Department.MedicalSecurity)).ResponseAsync, "OTHER_DEPARTMENT");
        var none = await Assert.ThrowsAsync<RpcException>(() => fixture.Plain.GetMaterialAsync(
            new P.GetMaterialRequest { Number = accepted.Number, Material = P.Material.ApplicationForm, Purpose = "x" }, fixture.Department(P.Department.MedicalSecurity)).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, none.StatusCode);
        await AssertRefused(fixture.Plain.GetMaterialAsync(
            new P.GetMaterialRequest { Number = accepted.Number, Material = P.Material.IdPhoto }, fixture.Department(P.Department.HumanResourcesSocialSecurity)).ResponseAsync,
            StatusCode.InvalidArgument, "REFUSAL_CODE_REQUIRED");
        Assert.Equal(photo, (await fixture.Plain.GetMaterialAsync(new P.GetMaterialRequest { Number = accepted.Number, Material = P.Material.IdPhoto }, fixture.Applicant(identity))).Content.ToByteArray());
    }

    [Theory]
    [InlineData("window channel")]
    [InlineData("paper original")]
    public async Task AnApplicant_SubmitsOnlineOnly_ByUploadOrDataSharing_AndNothingIsStored(string claim)
    {
        var identity = Identities.Next();
        var details = Requests.AllNine(identity);
        if (claim == "window channel")
        {
            details.Channel = P.Channel.Window;
        }
        else
        {
            details.Materials[1].Source = P.MaterialSource.PaperOriginal;
        }

        var before = await fixture.CountAsync("select count(*) from case_events");
        await AssertDenied(fixture.Plain.SubmitApplicationAsync(Requests.Submit(details), fixture.Applicant(identity)).ResponseAsync, "CHANNEL_NOT_ALLOWED");
        Assert.Equal(before, await fixture.CountAsync("select count(*) from case_events"));
    }

    [Fact]
    public async Task ResultsMailedCashOnDelivery_AreDeliveredWhenTheParcelIsConfirmed()
    {
        var (identity, number) = await ClosedAsync(mail: true);
        var closed = await GetAsync(number);
        Assert.Equal([P.Matter.PersonnelFile, P.Matter.SocialSecurityCard], closed.AwaitingDelivery);
        Assert.False(closed.Delivered);

        await AssertRefused(fixture.Plain.RecordDispatchAsync(new P.RecordDispatchRequest
        {
            RequestId = Requests.Id(), Number = number, Matters = { P.Matter.MedicalInsurance }, Carrier = "中国邮政 EMS", WaybillNumber = "1190000000001",
        }, fixture.Clerk()).ResponseAsync, StatusCode.FailedPrecondition, "REFUSAL_CODE_RESULT_NOT_AWAITING_DELIVERY");
        await AssertRefused(fixture.Plain.RecordDispatchAsync(new P.RecordDispatchRequest { RequestId = Requests.Id(), Number = number }, fixture.Clerk()).ResponseAsync,
            StatusCode.InvalidArgument, "REFUSAL_CODE_REQUIRED");
        var dispatched = (await fixture.Plain.RecordDispatchAsync(new P.RecordDispatchRequest
        {
            RequestId = Requests.Id(), Number = number, Carrier = "中国邮政 EMS", WaybillNumber = "1190000000001",
        }, fixture.Clerk())).Application;

        Assert.Empty(dispatched.AwaitingDelivery);
        Assert.False(dispatched.Delivered);
        var parcel = Assert.Single(dispatched.Deliveries);
        Assert.Equal((P.DeliveryKind.Dispatched, "1190000000001"), (parcel.Kind, parcel.WaybillNumber));
        Assert.Equal([P.Matter.PersonnelFile, P.Matter.SocialSecurityCard], parcel.Matters);

        fixture.Clock.Advance(TimeSpan.FromDays(2));
        var confirm = new P.ConfirmDeliveryRequest { RequestId = Requests.Id(), Number = number, WaybillNumber = "1190000000001" };
        var delivered = (await fixture.Plain.ConfirmDeliveryAsync(confirm, fixture.Applicant(identity))).Application;

        Assert.True(delivered.Delivered);
        Assert.Equal(Now, delivered.Deliveries[0].ConfirmedAt.ToDateTimeOffset());
        Assert.Contains("ResultsDelivered", (await EventsAsync(number, fixture.Clerk())).Select(e => e.Type));
        confirm.RequestId = Requests.Id();
        await AssertRefused(fixture.Plain.ConfirmDeliveryAsync(confirm, fixture.Applicant(identity)).ResponseAsync, StatusCode.FailedPrecondition, "REFUSAL_CODE_ILLEGAL_TRANSITION");
    }

    [Fact]
    public async Task ResultsCollectedAtTheWindow_AreDelivered_OnceTheCollectorsIdentityIsChecked()
    {
        var (_, number) = await ClosedAsync(mail: false);

        await AssertRefused(fixture.Plain.RecordDispatchAsync(new P.RecordDispatchRequest
        {
            RequestId = Requests.Id(), Number = number, Carrier = "EMS", WaybillNumber = "1",
        }, fixture.Clerk()).ResponseAsync, StatusCode.FailedPrecondition, "REFUSAL_CODE_ILLEGAL_TRANSITION");
        await AssertRefused(fixture.Plain.RecordPickUpAsync(new P.RecordPickUpRequest
        {
            RequestId = Requests.Id(), Number = number, CollectedBy = "本人",
        }, fixture.Clerk()).ResponseAsync, StatusCode.InvalidArgument, "REFUSAL_CODE_INVALID_VALUE");
        var card = (await fixture.Plain.RecordPickUpAsync(new P.RecordPickUpRequest
        {
            RequestId = Requests.Id(), Number = number, Matters = { P.Matter.SocialSecurityCard }, CollectedBy = "本人", IdentityChecked = true,
        }, fixture.Clerk())).Application;
        Assert.Equal([P.Matter.PersonnelFile], card.AwaitingDelivery);
        Assert.False(card.Delivered);

        var all = (await fixture.Plain.RecordPickUpAsync(new P.RecordPickUpRequest
        {
            RequestId = Requests.Id(), Number = number, CollectedBy = "受托人（凭委托书）", IdentityChecked = true,
        }, fixture.Clerk())).Application;

        Assert.True(all.Delivered);
        Assert.Equal("受托人（凭委托书）", all.Deliveries[1].CollectedBy);
        await AssertRefused(fixture.Plain.RecordPickUpAsync(new P.RecordPickUpRequest
        {
            RequestId = Requests.Id(), Number = number, Matters = { P.Matter.PersonnelFile }, CollectedBy = "本人", IdentityChecked = true,
        }, fixture.Clerk()).ResponseAsync, StatusCode.FailedPrecondition, "REFUSAL_CODE_RESULT_NOT_AWAITING_DELIVERY");
    }

    [Fact]
    public async Task TheApplicantRatesOnce_AfterClosure_AndAGoodRatingOpensNoTicket()
    {
        var (identity, received) = await SubmitOnlineAsync();
        await AssertRefused(fixture.Plain.RateServiceAsync(Rate(received.Number, P.RatingLevel.VerySatisfied), fixture.Applicant(identity)).ResponseAsync,
            StatusCode.FailedPrecondition, "REFUSAL_CODE_ILLEGAL_TRANSITION");
        var (_, number) = await ClosedAsync(mail: false, identity: identity, number: received.Number);
        var invited = await GetAsync(number);
        Assert.Equal(Mapping.ToProto(Calendar.DeadlineAfter(invited.ClosedAt.ToDateTimeOffset(), 5)), invited.RatingDefaultDue);

        var rate = Rate(number, P.RatingLevel.VerySatisfied);
        rate.Tags.Add("一次办好");
        rate.Comment = "窗口人员很耐心";
        var rated = (await fixture.Plain.RateServiceAsync(rate, fixture.Applicant(identity))).Application;

        Assert.Equal(P.RatingLevel.VerySatisfied, rated.Rating.Level);
        Assert.Equal(["一次办好"], rated.Rating.Tags);
        Assert.Equal("窗口人员很耐心", rated.Rating.Comment);
        Assert.False(rated.Rating.Default);
        Assert.Null(rated.RatingDefaultDue);
        Assert.Null(rated.Rectification);
        Assert.True((await fixture.Plain.RateServiceAsync(rate, fixture.Applicant(identity))).Replayed);
        await AssertRefused(fixture.Plain.RateServiceAsync(Rate(number, P.RatingLevel.Dissatisfied), fixture.Applicant(identity)).ResponseAsync,
            StatusCode.FailedPrecondition, "REFUSAL_CODE_ALREADY_RATED");
        await AssertDenied(fixture.Plain.RateServiceAsync(Rate(number, P.RatingLevel.Satisfied), fixture.Clerk()).ResponseAsync, "ROLE_NOT_ALLOWED");
        Assert.DoesNotContain(fixture.Logs.Snapshot(), l => (l.FormattedMessage ?? "").Contains("窗口人员很耐心", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ABadRating_OpensARectificationTicket_ThatTheCountyAnswers()
    {
        var (identity, number) = await ClosedAsync(mail: false);
        var rated = (await fixture.Plain.RateServiceAsync(Rate(number, P.RatingLevel.Dissatisfied), fixture.Applicant(identity))).Application;

        Assert.Equal(Mapping.ToProto(Calendar.DeadlineAfter(Now, 10)), rated.Rectification.Due);
        var listed = await Polling.EventuallyAsync(
            async () => (await fixture.PlainQueries.ListRectificationsAsync(new P.ListRectificationsRequest(), fixture.Clerk())).Items,
            items => items.Any(i => i.Number == number), what: "the ticket in the county's list");
        var ticket = listed.Single(i => i.Number == number);
        Assert.Equal((P.RatingLevel.Dissatisfied, false, 10), (ticket.Level, ticket.Overdue, ticket.WorkingDaysLeft));
        Assert.DoesNotContain((await fixture.PlainQueries.ListRectificationsAsync(new P.ListRectificationsRequest(), fixture.Clerk("530103"))).Items, i => i.Number == number);

        await AssertRefused(fixture.Plain.RespondToRatingAsync(new P.RespondToRatingRequest { RequestId = Requests.Id(), Number = number }, fixture.Clerk()).ResponseAsync,
            StatusCode.InvalidArgument, "REFUSAL_CODE_REQUIRED");
        var answered = (await fixture.Plain.RespondToRatingAsync(new P.RespondToRatingRequest
        {
            RequestId = Requests.Id(), Number = number, Response = "已约谈窗口负责人，优化叫号流程，并电话回访申请人",
        }, fixture.Clerk())).Application;

        Assert.Equal(Now, answered.Rectification.RespondedAt.ToDateTimeOffset());
        await Polling.EventuallyAsync(
            async () => (await fixture.PlainQueries.ListRectificationsAsync(new P.ListRectificationsRequest(), fixture.Clerk())).Items,
            items => items.All(i => i.Number != number), what: "the answered ticket off the list");
        await AssertRefused(fixture.Plain.RespondToRatingAsync(new P.RespondToRatingRequest { RequestId = Requests.Id(), Number = number, Response = "again" }, fixture.Clerk()).ResponseAsync,
            StatusCode.FailedPrecondition, "REFUSAL_CODE_ILLEGAL_TRANSITION");
    }

    [Fact]
    public async Task ARectificationTicketLeftUnanswered_RaisesAnAlertOnce_WhenItIsOverdue()
    {
        var (identity, number) = await ClosedAsync(mail: false);
        var rated = (await fixture.Plain.RateServiceAsync(Rate(number, P.RatingLevel.VeryDissatisfied), fixture.Applicant(identity))).Application;

        fixture.Clock.SetUtcNow(rated.Rectification.Due.At.ToDateTimeOffset());
        var events = await Polling.EventuallyAsync(() => EventsAsync(number, fixture.Clerk()), e => e.Any(x => x.Type == "RectificationOverdue"), what: "the overdue alert");

        Assert.Single(events, e => e.Type == "RectificationOverdue");
        Assert.True((await GetAsync(number)).Rectification.Overdue);
        var listed = await Polling.EventuallyAsync(
            async () => (await fixture.PlainQueries.ListRectificationsAsync(new P.ListRectificationsRequest(), fixture.Clerk())).Items,
            items => items.Any(i => i.Number == number && i.Overdue), what: "listed as overdue");
        Assert.Equal(0, listed.Single(i => i.Number == number).WorkingDaysLeft);
    }

    [Fact]
    public async Task WhereTheProvinceRecordsADefault_AnUnratedApplicationIsRatedSatisfied_MarkedAsDefault()
    {
        var (_, number) = await ClosedAsync(mail: false);
        var closed = await GetAsync(number);

        fixture.Clock.SetUtcNow(closed.RatingDefaultDue.At.ToDateTimeOffset());
        var rated = await Polling.EventuallyAsync(() => GetAsync(number), a => a.Rating is not null, what: "the default rating");

        Assert.Equal(P.RatingLevel.Satisfied, rated.Rating.Level);
        Assert.True(rated.Rating.Default);
        Assert.Null(rated.Rectification);
        Assert.Equal(closed.RatingDefaultDue.At, rated.Rating.At);
    }

    [Fact]
    public async Task ADepartmentReturnsItsMatterForSupplement_TheClocksStandStill_AndMoveOnByThePausedWorkingDays()
    {
        var (identity, received) = await SubmitOnlineAsync();
        var accepted = (await fixture.Plain.AcceptApplicationAsync(Accept(received.Number), fixture.Clerk())).Application;
        var hrss = fixture.Department(P.Department.HumanResourcesSocialSecurity);
        var card = new P.ClaimMatterRequest
        {
            RequestId = Requests.Id(), Number = received.Number, Matter = P.Matter.SocialSecurityCard,
            Department = P.Department.HumanResourcesSocialSecurity, Handler = "rs-01",
        };
        await fixture.PlainDepartments.ClaimMatterAsync(new P.ClaimMatterRequest
        {
            RequestId = Requests.Id(), Number = received.Number, Matter = P.Matter.SocialInsuranceRegistration, Department = P.Department.HumanResourcesSocialSecurity, Handler = "rs-01",
        }, hrss);
        await fixture.PlainDepartments.CompleteMatterAsync(new P.CompleteMatterRequest
        {
            RequestId = Requests.Id(), Number = received.Number, Matter = P.Matter.SocialInsuranceRegistration, Department = P.Department.HumanResourcesSocialSecurity,
            Result = new P.MatterResult { Number = "SB-1" },
        }, hrss);
        await fixture.PlainDepartments.ClaimMatterAsync(card, hrss);

        var giveBack = new P.ReturnMatterForSupplementRequest
        {
            RequestId = Requests.Id(), Number = received.Number, Matter = P.Matter.SocialSecurityCard, Department = P.Department.HumanResourcesSocialSecurity,
            Items = { new P.SupplementItem { Material = P.Material.IdPhoto, Reason = "照片不能用于制卡：未露双耳" } },
        };
        await AssertDenied(fixture.PlainDepartments.ReturnMatterForSupplementAsync(giveBack, fixture.Department(P.Department.MedicalSecurity)).ResponseAsync, "OTHER_DEPARTMENT");
        var paused = (await fixture.PlainDepartments.ReturnMatterForSupplementAsync(giveBack, hrss)).Application;

        Assert.Equal(P.MatterStatus.WaitingForApplicant, paused.Matters.Single(m => m.Matter == P.Matter.SocialSecurityCard).Status);
        Assert.Equal(P.SlaState.Paused, paused.Sla.State);
        Assert.Equal(Now, paused.Sla.PausedSince.ToDateTimeOffset());
        await Polling.EventuallyAsync(
            async () => (await fixture.PlainQueries.GetSlaOverviewAsync(new P.GetSlaOverviewRequest(), fixture.Clerk())).Rows,
            rows => rows.Any(r => r.Department == P.Department.HumanResourcesSocialSecurity && r.Paused > 0), what: "paused in the SLA overview");

        // Three working days later (past the committed deadline) nothing is breached: the clocks stood still.
        var answeredAt = Calendar.AddWorkingDays(BeijingTime.DateOf(Now), 3).Date;
        fixture.Clock.SetUtcNow(new DateTimeOffset(answeredAt.ToDateTime(new TimeOnly(9, 0)), BeijingTime.Offset));
        Assert.DoesNotContain("SlaAlertRaised", (await EventsAsync(received.Number, fixture.Clerk())).Select(e => e.Type));
        var resumed = (await fixture.Plain.SupplementMaterialsAsync(new P.SupplementMaterialsRequest
        {
            RequestId = Requests.Id(), Number = received.Number,
            Materials = { new P.ProvidedMaterial { Material = P.Material.IdPhoto, Source = P.MaterialSource.Upload, Content = Requests.Photo(413, 531) } },
        }, fixture.Applicant(identity))).Application;

        Assert.Equal(P.MatterStatus.Claimed, resumed.Matters.Single(m => m.Matter == P.Matter.SocialSecurityCard).Status);
        Assert.Null(resumed.Sla.PausedSince);
        Assert.Equal(Calendar.AddWorkingDays(DateOnly.Parse(accepted.Sla.Committed.Day, System.Globalization.CultureInfo.InvariantCulture), 3).Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), resumed.Sla.Committed.Day);
        Assert.Equal(Calendar.AddWorkingDays(DateOnly.Parse(accepted.Sla.Statutory.Day, System.Globalization.CultureInfo.InvariantCulture), 3).Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), resumed.Sla.Statutory.Day);
        Assert.Contains("MatterSupplemented", (await EventsAsync(received.Number, fixture.Clerk())).Select(e => e.Type));
        Assert.Equal(P.MatterStatus.Completed, (await fixture.PlainDepartments.CompleteMatterAsync(new P.CompleteMatterRequest
        {
            RequestId = Requests.Id(), Number = received.Number, Matter = P.Matter.SocialSecurityCard, Department = P.Department.HumanResourcesSocialSecurity,
            Result = new P.MatterResult { Number = "KA-1" },
        }, fixture.Department(P.Department.HumanResourcesSocialSecurity))).Application.Matters.Single(m => m.Matter == P.Matter.SocialSecurityCard).Status);
    }

    [Fact]
    public async Task ADepartmentRecordsAndClearsFacts_OfPeopleItServes_Audited_AndAGraduatedStudentMayApplyAgain()
    {
        var (identity, first) = await SubmitOnlineAsync();
        await fixture.Plain.WithdrawApplicationAsync(new P.WithdrawApplicationRequest { RequestId = Requests.Id(), Number = first.Number, Reason = "重新申请" }, fixture.Applicant(identity));
        var hrss = fixture.Department(P.Department.HumanResourcesSocialSecurity);
        var student = new P.RecordApplicantFactsRequest
        {
            RequestId = Requests.Id(), IdentityNumber = identity, Facts = new P.ApplicantDeclaration { FullTimeStudent = true }, Purpose = "学籍核验：全日制在读",
        };

        await AssertDenied(fixture.PlainDepartments.RecordApplicantFactsAsync(student, fixture.Department(P.Department.HumanResourcesSocialSecurity, "5303")).ResponseAsync, "OUTSIDE_JURISDICTION");
        var withoutPurpose = student.Clone();
        withoutPurpose.Purpose = "";
        await AssertRefused(fixture.PlainDepartments.RecordApplicantFactsAsync(withoutPurpose, hrss).ResponseAsync, StatusCode.InvalidArgument, "REFUSAL_CODE_REQUIRED");
        var both = student.Clone();
        both.Clear.Add(P.ApplicantFact.FullTimeStudent);
        await AssertRefused(fixture.PlainDepartments.RecordApplicantFactsAsync(both, hrss).ResponseAsync, StatusCode.InvalidArgument, "REFUSAL_CODE_INVALID_VALUE");

        var audited = await fixture.CountAsync($"select count(*) from access_audit where application_number = '{first.Number}' and action = 'RecordApplicantFacts'");
        await fixture.PlainDepartments.RecordApplicantFactsAsync(student, hrss);
        await AssertRefused(fixture.Plain.SubmitApplicationAsync(Requests.Submit(Requests.AllNine(identity)), fixture.Applicant(identity)).ResponseAsync,
            StatusCode.InvalidArgument, "REFUSAL_CODE_FULL_TIME_STUDENT");

        await fixture.PlainDepartments.RecordApplicantFactsAsync(new P.RecordApplicantFactsRequest
        {
            RequestId = Requests.Id(), IdentityNumber = identity, Clear = { P.ApplicantFact.FullTimeStudent }, Purpose = "学籍核验：已毕业",
        }, hrss);
        var again = (await fixture.Plain.SubmitApplicationAsync(Requests.Submit(Requests.AllNine(identity)), fixture.Applicant(identity))).Application;

        Assert.Equal(P.ApplicationStatus.PreCheck, again.Status);
        Assert.Equal(audited + 2, await fixture.CountAsync($"select count(*) from access_audit where application_number = '{first.Number}' and action = 'RecordApplicantFacts'"));
    }

    [Fact]
    public async Task TheProgressLookup_TellsTheApplicantWhatToDo_AndIsLimitedPerClientAddress()
    {
        var (_, received) = await SubmitOnlineAsync();
        await fixture.Plain.RequestSupplementAsync(new P.RequestSupplementRequest
        {
            RequestId = Requests.Id(), Number = received.Number, Items = { new P.SupplementItem { Material = P.Material.IdPhoto, Reason = "照片模糊" } },
        }, fixture.Clerk());
        var anyone = new P.PublicService.PublicServiceClient(fixture.Channel);

        var progress = await anyone.LookupProgressAsync(new P.LookupProgressRequest { Number = received.Number, ApplicantName = "张三" });

        Assert.Equal(P.ApplicationStatus.SupplementRequired, progress.Status);
        Assert.Equal($"请于{Calendar.DeadlineAfter(Now, Policy.SupplementWorkingDays).Day:yyyy-MM-dd}24时前补正所列材料", progress.NextZh);
        Assert.Equal("照片模糊", Assert.Single(progress.SupplementItems).Reason);

        // Two a second per address (a bucket of four): a burst is refused with when to retry (only calls slower than
        // half a second each would never be).
        RpcException? limited = null;
        for (var i = 0; i < 100 && limited is null; i++)
        {
            try
            {
                await anyone.LookupProgressAsync(new P.LookupProgressRequest { Number = received.Number, ApplicantName = "张三" });
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted)
            {
                limited = e;
            }
        }

        Assert.NotNull(limited);
        Assert.Contains("RATE_LIMITED", Requests.Reasons(limited));
    }

    /// <summary>An application accepted by the clerk and completed by the three departments: closed, all completed.</summary>
    private async Task<(string Identity, string Number)> ClosedAsync(bool mail, string? identity = null, string? number = null)
    {
        if (number is null)
        {
            identity = Identities.Next();
            var details = Requests.AllNine(identity);
            if (mail)
            {
                details.Delivery = new P.ResultDelivery { Mail = new P.MailCashOnDelivery { Recipient = "张三", Phone = "13800000000", Address = "昆明市五华区人民中路1号", PostalCode = "650000" } };
            }

            number = (await fixture.Plain.SubmitApplicationAsync(Requests.Submit(details), fixture.Applicant(identity))).Application.Number;
        }

        await fixture.Plain.AcceptApplicationAsync(Accept(number), fixture.Clerk());
        foreach (var matter in Requests.MatterOrder)
        {
            var department = Requests.DepartmentOf(matter);
            var headers = fixture.Department(department);
            await fixture.PlainDepartments.ClaimMatterAsync(new P.ClaimMatterRequest { RequestId = Requests.Id(), Number = number, Matter = matter, Department = department, Handler = "h" }, headers);
            await fixture.PlainDepartments.CompleteMatterAsync(new P.CompleteMatterRequest
            {
                RequestId = Requests.Id(), Number = number, Matter = matter, Department = department, Result = new P.MatterResult { Number = "R-" + (int)matter },
            }, headers);
        }

        Assert.Equal(P.ApplicationOutcome.AllCompleted, (await GetAsync(number)).Outcome);
        return (identity!, number);
    }

    private static P.RateServiceRequest Rate(string number, P.RatingLevel level) => new() { RequestId = Requests.Id(), Number = number, Level = level };

    private async Task<(string Identity, P.Application Application)> SubmitOnlineAsync()
    {
        var identity = Identities.Next();
        var details = Requests.AllNine(identity);
        var received = (await fixture.Plain.SubmitApplicationAsync(Requests.Submit(details), fixture.Applicant(identity))).Application;
        Assert.Equal(Now, received.ReceivedAt.ToDateTimeOffset());
        return (identity, received);
    }

    private async Task<P.Application> GetAsync(string number) =>
        (await fixture.Plain.GetApplicationAsync(new P.GetApplicationRequest { Number = number, Purpose = "workflow test" }, fixture.Clerk(number[..6]))).Application;

    private async Task<List<P.CaseEvent>> EventsAsync(string number, Metadata caller)
    {
        var application = await GetAsync(number);
        using var watch = fixture.Plain.WatchApplication(new P.WatchApplicationRequest { Number = number }, caller);
        var events = new List<P.CaseEvent>();
        while (events.Count < application.Version && await watch.ResponseStream.MoveNext(CancellationToken.None))
        {
            events.Add(watch.ResponseStream.Current.Event);
        }

        return events;
    }

    private static P.AcceptApplicationRequest Accept(string number) => new() { RequestId = Requests.Id(), Number = number };

    private static async Task AssertDenied(Task call, string reason)
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => call);
        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.Contains(reason, Requests.Reasons(e));
    }

    private static async Task AssertRefused(Task call, StatusCode status, string code)
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => call);
        Assert.Equal(status, e.StatusCode);
        Assert.Contains(code, Requests.Reasons(e));
    }
}
