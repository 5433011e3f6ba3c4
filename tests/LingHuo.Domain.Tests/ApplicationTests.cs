using System.Collections.Immutable;
using LingHuo.Domain.Calendar;
using LingHuo.Domain.Cases;
using LingHuo.Domain.Catalog;
using LingHuo.Domain.Eligibility;
using LingHuo.Domain.Intake;

namespace LingHuo.Domain.Tests;

public sealed class ApplicationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 9, 30, 10, 0, 0, BeijingTime.Offset);
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.Official;
    private static readonly CasePolicy Policy = CasePolicy.Default;
    private static readonly ApplicantFacts Facts = new() { EmploymentForm = EmploymentForm.OtherFlexibleEmployment };
    private static readonly MatterResult Done = new("NO-1", ["doc-1"]);

    // Received 2026-09-30: 10-08, 10-09, 10-10 (a working Saturday), 10-12, 10-13.
    private static readonly Deadline ReviewDue = Calendar.DeadlineAfter(T0, Policy.ReviewWorkingDays);

    private static readonly ImmutableArray<SupplementItem> IdAndPhoto =
        [new(Material.IdentityDocument, "证件不清晰"), new(Material.IdPhoto, "照片背景不是白色")];

    private static Application Submitted(ApplicationRequest? request = null)
    {
        request ??= Samples.AllNineOnline();
        var precheck = Precheck.Evaluate(request, BeijingTime.DateOf(T0), Policy);
        return Application.Submit(ApplicationNumber.Trusted("530102-20260930-000001"), precheck, request, T0, ReviewDue).Value!.Application;
    }

    private static Application Accepted(ApplicationRequest? request = null) => Submitted(request).Accept(T0, Facts, Calendar, Policy).Value!.Application;

    private static Application SupplementRequired() =>
        Submitted(Samples.AllNineOnline() with { Materials = [new(Material.ApplicationForm, MaterialSource.Upload)] })
            .RequestSupplement(IdAndPhoto, T0, Calendar, Policy).Value!.Application;

    private static Change Ok(Result<Change> result)
    {
        Assert.True(result.IsOk, string.Join("; ", result.Refusals));
        return result.Value!;
    }

    private static Application Handle(Application application, Matter matter, bool reject = false)
    {
        var department = Matters.DepartmentOf(matter);
        application = Ok(application.Claim(matter, department, "clerk-1", T0)).Application;
        return Ok(reject ? application.Reject(matter, department, "not eligible", T0) : application.Complete(matter, department, Done, T0)).Application;
    }

    private static MatterStatus StatusOf(Application application, Matter matter) => application.MatterOf(matter)!.Status;

    [Fact]
    public void Submit_StartsInPreCheck_WithPendingMattersAndEventOne()
    {
        var change = Ok(Application.Submit(ApplicationNumber.Trusted("530102-20260930-000001"), Precheck.Evaluate(Samples.AllNineOnline(), BeijingTime.DateOf(T0), Policy), Samples.AllNineOnline(), T0, ReviewDue));

        Assert.Equal(ApplicationStatus.PreCheck, change.Application.Status);
        Assert.All(change.Application.Matters, m => Assert.Equal(MatterStatus.Pending, m.Status));
        var submitted = Assert.IsType<ApplicationSubmitted>(Assert.Single(change.Events));
        Assert.Equal(1, submitted.Sequence);
        Assert.Equal(1, change.Application.Version);
    }

    [Fact]
    public void Submit_APrecheckWithRefusals_IsRefusedWithThem()
    {
        var precheck = Precheck.Evaluate(Samples.AllNineOnline() with { CountyCode = "1" }, BeijingTime.DateOf(T0), Policy);

        var result = Application.Submit(ApplicationNumber.Trusted("530102-20260930-000001"), precheck, Samples.AllNineOnline() with { CountyCode = "1" }, T0, ReviewDue);

        Assert.Equal([RefusalCode.CountyCodeInvalid], result.Refusals.Select(r => r.Code));
    }

    [Fact]
    public void Accept_SendsMattersWithoutPrerequisitesToTheirDepartments()
    {
        var change = Ok(Submitted().Accept(T0, Facts, Calendar, Policy));
        var application = change.Application;

        Assert.Equal(ApplicationStatus.Accepted, application.Status);
        Assert.Equal(new DateOnly(2026, 10, 9), application.Sla!.Committed.Day);
        Assert.Equal(
            [Matter.SocialInsuranceRegistration, Matter.MedicalInsurance, Matter.EmploymentRegistration],
            change.Events.OfType<MatterReady>().Select(e => e.Matter));
        Assert.Equal(MatterStatus.WaitingForPrerequisites, StatusOf(application, Matter.PremiumDeclaration));
        Assert.Equal(EnumSet<Matter>.Of(Matter.SocialInsuranceRegistration, Matter.MedicalInsurance), application.MatterOf(Matter.PremiumDeclaration)!.WaitsFor);
    }

    [Fact]
    public void Accept_AtTheWindowWithTheProof_SendsThePersonnelFileAtOnce()
    {
        var application = Accepted(Samples.AllNineAtWindow());

        Assert.Equal(MatterStatus.ReadyForDepartment, StatusOf(application, Matter.PersonnelFile));
    }

    [Fact]
    public void Accept_WithMissingMaterials_IsRefused_NoAcceptanceWithGaps()
    {
        var application = Submitted(Samples.AllNineOnline() with { Materials = [new(Material.ApplicationForm, MaterialSource.Upload)] });

        var result = application.Accept(T0, Facts, Calendar, Policy);

        Assert.Equal([RefusalCode.MaterialMissing, RefusalCode.MaterialMissing], result.Refusals.Select(r => r.Code));
    }

    [Fact]
    public void Events_AreNumberedWithoutGapsAcrossTransitions()
    {
        var application = Submitted();
        var sequences = new List<long> { 1 };
        foreach (var step in new Func<Application, Result<Change>>[]
        {
            a => a.Accept(T0, Facts, Calendar, Policy),
            a => a.Claim(Matter.SocialInsuranceRegistration, Department.HumanResourcesSocialSecurity, "c", T0),
            a => a.Complete(Matter.SocialInsuranceRegistration, Department.HumanResourcesSocialSecurity, Done, T0),
            a => a.Withdraw("changed my mind", T0),
        })
        {
            var change = Ok(step(application));
            sequences.AddRange(change.Events.Select(e => e.Sequence));
            application = change.Application;
            Assert.Equal(sequences[^1], application.Version);
        }

        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);
    }

    [Fact]
    public void HandlingAllNine_InDependencyOrder_ClosesAllCompleted()
    {
        var application = Accepted();
        foreach (var matter in new[] { Matter.SocialInsuranceRegistration, Matter.MedicalInsurance, Matter.EmploymentRegistration })
        {
            application = Handle(application, matter);
        }

        // 2 done releases 1 and 3; 2 and 4 release 5; 8 releases 9.
        Assert.Equal(MatterStatus.ReadyForDepartment, StatusOf(application, Matter.PersonnelFile));
        Assert.Equal(MatterStatus.ReadyForDepartment, StatusOf(application, Matter.SocialSecurityCard));
        Assert.Equal(MatterStatus.ReadyForDepartment, StatusOf(application, Matter.PremiumDeclaration));
        Assert.Equal(MatterStatus.ReadyForDepartment, StatusOf(application, Matter.EmploymentCertificate));
        Assert.Equal(MatterStatus.WaitingForPrerequisites, StatusOf(application, Matter.RightsRecordQuery));

        foreach (var matter in new[] { Matter.PersonnelFile, Matter.SocialSecurityCard, Matter.PremiumDeclaration, Matter.EmploymentCertificate, Matter.RightsRecordQuery })
        {
            application = Handle(application, matter);
        }

        Assert.False(application.IsClosed);
        var last = Ok(application.Claim(Matter.ParticipationCertificate, Department.HumanResourcesSocialSecurity, "c", T0)).Application
            .Complete(Matter.ParticipationCertificate, Department.HumanResourcesSocialSecurity, Done, T0.AddHours(5));
        var closed = Ok(last);

        Assert.Equal(ApplicationStatus.Closed, closed.Application.Status);
        Assert.Equal(ApplicationOutcome.AllCompleted, closed.Application.Outcome);
        Assert.Equal(T0.AddHours(5), closed.Application.ClosedAt);
        Assert.IsType<ApplicationClosed>(closed.Events[^1]);
    }

    [Fact]
    public void RejectingAPrerequisite_CancelsItsDependentsTransitively()
    {
        var application = Handle(Accepted(), Matter.SocialInsuranceRegistration, reject: true);

        Assert.Equal(MatterStatus.Rejected, StatusOf(application, Matter.SocialInsuranceRegistration));
        foreach (var matter in new[] { Matter.PersonnelFile, Matter.SocialSecurityCard, Matter.PremiumDeclaration, Matter.RightsRecordQuery, Matter.ParticipationCertificate })
        {
            var state = application.MatterOf(matter)!;
            Assert.Equal(MatterStatus.Cancelled, state.Status);
            Assert.Equal(CancelReason.PrerequisiteRejected, state.CancelReason);
        }

        Assert.Equal(MatterStatus.ReadyForDepartment, StatusOf(application, Matter.MedicalInsurance));
        Assert.False(application.IsClosed);
    }

    [Fact]
    public void RejectingAPrerequisite_CancelsEachDependentOnce()
    {
        var application = Ok(Accepted().Claim(Matter.SocialInsuranceRegistration, Department.HumanResourcesSocialSecurity, "c", T0)).Application;

        var change = Ok(application.Reject(Matter.SocialInsuranceRegistration, Department.HumanResourcesSocialSecurity, "no", T0));

        var cancelled = change.Events.OfType<MatterCancelled>().Select(e => e.Matter).ToList();
        Assert.Equal(cancelled.Distinct().Count(), cancelled.Count);
        Assert.Equal(5, cancelled.Count);
    }

    [Fact]
    public void WhenTheLastOpenMatterEnds_WithARejection_ClosesCompletedWithRejections()
    {
        var application = Accepted(Samples.Online(Matter.SocialInsuranceRegistration, Matter.MedicalInsurance));
        application = Handle(application, Matter.SocialInsuranceRegistration);
        application = Handle(application, Matter.MedicalInsurance, reject: true);

        Assert.Equal(ApplicationOutcome.CompletedWithRejections, application.Outcome);
    }

    [Fact]
    public void Withdraw_CancelsOpenMattersAndCloses()
    {
        var application = Handle(Accepted(), Matter.MedicalInsurance);

        var change = Ok(application.Withdraw("moving away", T0));

        Assert.Equal(ApplicationOutcome.Withdrawn, change.Application.Outcome);
        Assert.Equal(MatterStatus.Completed, StatusOf(change.Application, Matter.MedicalInsurance));
        Assert.Equal(8, change.Events.OfType<MatterCancelled>().Count());
        Assert.All(change.Events.OfType<MatterCancelled>(), e => Assert.Equal(CancelReason.Withdrawn, e.Reason));
    }

    [Fact]
    public void Withdraw_BeforeAcceptance_CancelsSilently()
    {
        var change = Ok(Submitted().Withdraw("", T0));

        Assert.Equal([typeof(ApplicationWithdrawn), typeof(ApplicationClosed)], change.Events.Select(e => e.GetType()));
        Assert.All(change.Application.Matters, m => Assert.Equal(MatterStatus.Cancelled, m.Status));
    }

    [Fact]
    public void RefuseAcceptance_ClosesAsNotAccepted_WithTheReasonsAndTheirBasis()
    {
        ImmutableArray<string> reasons = ["申请人为全日制在校学生", "材料与本人不符"];

        var change = Ok(Submitted().RefuseAcceptance(reasons, "《行政许可法》第三十二条", T0));

        Assert.Equal(ApplicationOutcome.NotAccepted, change.Application.Outcome);
        var refused = Assert.IsType<AcceptanceRefused>(change.Events[0]);
        Assert.Equal(reasons, refused.Reasons);
        Assert.Equal("《行政许可法》第三十二条", refused.LegalBasis);
        Assert.Null(change.Application.NextTimerAt);
    }

    [Fact]
    public void RefuseAcceptance_WithoutReasonsOrBasis_IsRefusedForBoth() =>
        Assert.Equal(
            ["reasons", "legalBasis"],
            Submitted().RefuseAcceptance([], "", T0).Refusals.Select(r => r.Field));

    [Fact]
    public void RefuseAcceptance_AfterAcceptance_IsAnIllegalTransition() =>
        Assert.Equal(RefusalCode.IllegalTransition, Assert.Single(Accepted().RefuseAcceptance(["x"], "y", T0).Refusals).Code);

    [Fact]
    public void Submit_WaitsForReview_UntilTheReviewDeadline()
    {
        var application = Submitted();

        Assert.Equal(ReviewDue, application.ReviewDeadline);
        Assert.Equal(new DateOnly(2026, 10, 13), ReviewDue.Day);
        Assert.Equal(T0, application.ReceivedAt);
        Assert.Equal(ReviewDue.At, application.NextTimerAt);
        Assert.Null(application.Sla);
    }

    [Fact]
    public void Accept_StartsTheClocksAtAcceptance_NotReceipt()
    {
        var later = T0.AddDays(5); // 2026-10-05, a holiday; the clocks count from the acceptance day.

        var application = Ok(Submitted().Accept(later, Facts, Calendar, Policy)).Application;

        Assert.Equal(later, application.Sla!.AcceptedAt);
        Assert.Equal(Calendar.DeadlineAfter(later, Policy.CommittedWorkingDays), application.Sla.Committed);
        Assert.Null(application.ReviewDeadline);
    }

    [Fact]
    public void OnTimer_AtTheReviewDeadline_DeemsItAccepted_AsOfReceipt()
    {
        var application = Submitted();

        Assert.Empty(application.OnTimer(ReviewDue.At.AddTicks(-1), Facts, Calendar, Policy).Events);
        var change = application.OnTimer(ReviewDue.At, Facts, Calendar, Policy);

        var accepted = Assert.IsType<ApplicationAccepted>(change.Events[0]);
        Assert.True(accepted.Deemed);
        Assert.Equal(ReviewDue.At, accepted.At);
        Assert.Equal(ApplicationStatus.Accepted, change.Application.Status);
        Assert.Equal(T0, change.Application.Sla!.AcceptedAt);
        Assert.Equal(Calendar.DeadlineAfter(T0, Policy.CommittedWorkingDays), change.Application.Sla.Committed);
    }

    [Fact]
    public void DeemAccepted_BeforeTheReviewDeadline_IsRefused() =>
        Assert.Equal(RefusalCode.IllegalTransition, Assert.Single(Submitted().DeemAccepted(T0, Facts, Calendar, Policy).Refusals).Code);

    [Fact]
    public void RequestSupplement_SetsADeadlineOfFiveWorkingDays_AndKeepsTheNotice()
    {
        var application = SupplementRequired();

        Assert.Equal(ApplicationStatus.SupplementRequired, application.Status);
        // 10-08, 10-09, 10-10 (a working Saturday), 10-12, 10-13.
        Assert.Equal(new DateOnly(2026, 10, 13), application.SupplementDeadline!.Value.Day);
        Assert.Equal(IdAndPhoto, application.SupplementNotice);
        Assert.Null(application.ReviewDeadline);
    }

    [Fact]
    public void RequestSupplement_TwiceWhileOpen_IsRefused_ToldOnce() =>
        Assert.Equal(RefusalCode.SupplementAlreadyRequested, Assert.Single(SupplementRequired().RequestSupplement(IdAndPhoto, T0, Calendar, Policy).Refusals).Code);

    [Fact]
    public void RequestSupplement_EveryBadItem_IsRefusedAtOnce()
    {
        ImmutableArray<SupplementItem> items =
            [new(Material.IdPhoto, ""), new(Material.IdPhoto, "again"), new(Material.InsuranceProof, "online needs none"), new((Material)99, "x")];

        var result = Submitted().RequestSupplement(items, T0, Calendar, Policy);

        Assert.Equal(
            [RefusalCode.Required, RefusalCode.MaterialDuplicate, RefusalCode.MaterialSourceNotAllowed, RefusalCode.MaterialUnknown],
            result.Refusals.Select(r => r.Code));
    }

    [Fact]
    public void Supplement_InTime_ReturnsToReview_WithANewReviewPeriod()
    {
        var application = SupplementRequired();
        var answered = T0.AddDays(1);

        var change = Ok(application.Supplement(
            [new(Material.IdentityDocument, MaterialSource.Upload), new(Material.IdPhoto, MaterialSource.Upload)], answered, Calendar, Policy));

        Assert.Equal(ApplicationStatus.PreCheck, change.Application.Status);
        Assert.Null(change.Application.SupplementDeadline);
        Assert.Equal(answered, change.Application.ReceivedAt);
        Assert.Equal(Calendar.DeadlineAfter(answered, Policy.ReviewWorkingDays), change.Application.ReviewDeadline);
        Assert.True(change.Application.Materials.IsComplete);
        Assert.Equal(EnumSet<Material>.Of(Material.IdentityDocument, Material.IdPhoto), Assert.IsType<MaterialsSupplemented>(Assert.Single(change.Events)).Materials);
        Assert.True(change.Application.Accept(answered, Facts, Calendar, Policy).IsOk);
    }

    [Fact]
    public void Supplement_NotAnsweringTheWholeNotice_IsRefused_NamingWhatIsMissing()
    {
        var application = SupplementRequired();

        var result = application.Supplement([new(Material.IdentityDocument, MaterialSource.Upload)], T0.AddDays(1), Calendar, Policy);

        var refusal = Assert.Single(result.Refusals);
        Assert.Equal(RefusalCode.SupplementIncomplete, refusal.Code);
        Assert.Contains("白底证件照", refusal.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void ADepartmentsReturn_PausesTheClocks_NoAlertWhilePaused_AndTheAnswerMovesTheDeadlinesByThePausedDays()
    {
        var claimed = Ok(Accepted().Claim(Matter.MedicalInsurance, Department.MedicalSecurity, "yb-1", T0)).Application;
        var paused = Ok(claimed.ReturnForSupplement(Matter.MedicalInsurance, Department.MedicalSecurity, [new(Material.IdentityDocument, "证件模糊")], T0)).Application;

        Assert.Equal(MatterStatus.WaitingForApplicant, paused.MatterOf(Matter.MedicalInsurance)!.Status);
        Assert.Equal(SlaState.Paused, paused.Sla!.StateAt(T0.AddDays(30)));
        Assert.Null(paused.NextTimerAt);
        Assert.Empty(paused.RaiseSlaAlerts(T0.AddDays(30)).Events);

        // Paused on 09-30, answered on 10-09: 10-08 and 10-09 are the working days it covered.
        var answered = new DateTimeOffset(2026, 10, 9, 10, 0, 0, BeijingTime.Offset);
        var resumed = Ok(paused.Supplement([new(Material.IdentityDocument, MaterialSource.Upload)], answered, Calendar, Policy)).Application;

        Assert.Equal(MatterStatus.Claimed, resumed.MatterOf(Matter.MedicalInsurance)!.Status);
        Assert.Null(resumed.Sla!.PausedSince);
        Assert.Equal(Calendar.AddWorkingDays(claimed.Sla!.Committed.Day, 2).Date, resumed.Sla.Committed.Day);
        Assert.Equal(Calendar.AddWorkingDays(claimed.Sla.Statutory.Day, 2).Date, resumed.Sla.Statutory.Day);
    }

    [Fact]
    public void ADepartmentReturns_OnlyItsOwnClaimedMatter_AskingForMaterialsItUses()
    {
        var claimed = Ok(Accepted().Claim(Matter.MedicalInsurance, Department.MedicalSecurity, "yb-1", T0)).Application;

        Assert.Equal(RefusalCode.WrongDepartment, Assert.Single(claimed.ReturnForSupplement(Matter.MedicalInsurance, Department.Tax, [new(Material.IdentityDocument, "x")], T0).Refusals).Code);
        Assert.Equal(RefusalCode.MaterialSourceNotAllowed, Assert.Single(claimed.ReturnForSupplement(Matter.MedicalInsurance, Department.MedicalSecurity, [new(Material.IdPhoto, "x")], T0).Refusals).Code);
        Assert.Equal(RefusalCode.IllegalTransition, Assert.Single(Accepted().ReturnForSupplement(Matter.MedicalInsurance, Department.MedicalSecurity, [new(Material.IdentityDocument, "x")], T0).Refusals).Code);
    }

    [Fact]
    public void NextTimerAt_FollowsTheStage()
    {
        var supplement = SupplementRequired();
        var accepted = Accepted();

        Assert.Equal(ReviewDue.At, Submitted().NextTimerAt);
        Assert.Equal(supplement.SupplementReminderAt, supplement.NextTimerAt);
        Assert.Equal(accepted.Sla!.Committed.DueSoonFrom, accepted.NextTimerAt);
        Assert.Equal(accepted.Sla.Statutory.DueSoonFrom, accepted.RaiseSlaAlerts(accepted.Sla.Committed.At).Application.NextTimerAt);
        Assert.Null(accepted.RaiseSlaAlerts(accepted.Sla.Statutory.At).Application.NextTimerAt);
        Assert.Null(Ok(accepted.Withdraw("", T0)).Application.NextTimerAt);
    }

    [Fact]
    public void OnTimer_ExpiresAnOverdueSupplementNotice()
    {
        var application = SupplementRequired();

        Assert.Empty(application.OnTimer(T0, Facts, Calendar, Policy).Events);
        Assert.Equal(ApplicationOutcome.SupplementOverdue, application.OnTimer(application.SupplementDeadline!.Value.At, Facts, Calendar, Policy).Application.Outcome);
    }

    [Fact]
    public void OnTimer_RemindsOnceAt9TheDayBeforeTheSupplementNoticeEnds_ThenExpiresIt()
    {
        var application = SupplementRequired();
        var due = application.SupplementDeadline!.Value;
        var remindAt = new DateTimeOffset(2026, 10, 12, 9, 0, 0, BeijingTime.Offset);
        Assert.Equal(new DateOnly(2026, 10, 13), due.Day);
        Assert.Equal(remindAt, application.SupplementReminderAt);

        Assert.Empty(application.OnTimer(remindAt.AddTicks(-1), Facts, Calendar, Policy).Events);
        var reminded = application.OnTimer(remindAt, Facts, Calendar, Policy);
        Assert.Equal(due, Assert.IsType<SupplementDueSoon>(Assert.Single(reminded.Events)).Due);
        Assert.Equal(due.At, reminded.Application.NextTimerAt);
        Assert.Empty(reminded.Application.OnTimer(remindAt.AddHours(1), Facts, Calendar, Policy).Events);
        Assert.Equal(ApplicationOutcome.SupplementOverdue, reminded.Application.OnTimer(due.At, Facts, Calendar, Policy).Application.Outcome);

        // A silo that was down through the reminder and the deadline expires the notice without a late reminder.
        var late = application.OnTimer(due.At, Facts, Calendar, Policy);
        Assert.DoesNotContain(late.Events, e => e is SupplementDueSoon);
        Assert.Equal(ApplicationOutcome.SupplementOverdue, late.Application.Outcome);
    }

    [Fact]
    public void ASupplementNoticeGivenOnItsLastDayButOne_AfterNine_HasNoReminder()
    {
        var lastButOne = new DateTimeOffset(2026, 10, 12, 15, 0, 0, BeijingTime.Offset);
        var policy = Policy with { SupplementWorkingDays = 1 };
        var application = Submitted(Samples.AllNineOnline() with { Materials = [new(Material.ApplicationForm, MaterialSource.Upload)] })
            .RequestSupplement(IdAndPhoto, lastButOne, Calendar, policy).Value!.Application;

        Assert.Equal(new DateOnly(2026, 10, 13), application.SupplementDeadline!.Value.Day);
        Assert.Null(application.SupplementReminderAt);
        Assert.Equal(application.SupplementDeadline.Value.At, application.NextTimerAt);
    }

    [Fact]
    public void OnTimer_RaisesDueAlerts()
    {
        var application = Accepted();

        var change = application.OnTimer(application.Sla!.Committed.DueSoonFrom, Facts, Calendar, Policy);

        Assert.Equal(SlaAlert.CommittedDueSoon, Assert.IsType<SlaAlertRaised>(Assert.Single(change.Events)).Alert);
    }

    [Fact]
    public void Supplement_AfterTheDeadline_IsRefused()
    {
        var application = SupplementRequired();

        var result = application.Supplement([new(Material.IdentityDocument, MaterialSource.Upload)], application.SupplementDeadline!.Value.At, Calendar, Policy);

        Assert.Equal(RefusalCode.SupplementOverdue, Assert.Single(result.Refusals).Code);
    }

    [Fact]
    public void Supplement_WrongSource_IsRefused() =>
        Assert.Equal(RefusalCode.MaterialSourceNotAllowed, Assert.Single(SupplementRequired().Supplement([new(Material.IdPhoto, MaterialSource.PaperOriginal)], T0, Calendar, Policy).Refusals).Code);

    [Fact]
    public void ExpireSupplement_AtTheDeadline_ClosesAsSupplementOverdue()
    {
        var application = SupplementRequired();
        var deadline = application.SupplementDeadline!.Value.At;

        Assert.Equal(RefusalCode.SupplementNotDue, Assert.Single(application.ExpireSupplement(deadline.AddTicks(-1)).Refusals).Code);
        Assert.Equal(ApplicationOutcome.SupplementOverdue, Ok(application.ExpireSupplement(deadline)).Application.Outcome);
    }

    [Fact]
    public void Claim_ByTheWrongDepartment_IsRefused() =>
        Assert.Equal(RefusalCode.WrongDepartment, Assert.Single(Accepted().Claim(Matter.MedicalInsurance, Department.Tax, "c", T0).Refusals).Code);

    [Fact]
    public void Claim_AMatterNotChosen_IsRefused()
    {
        var application = Accepted(Samples.Online(Matter.SocialInsuranceRegistration));

        Assert.Equal(RefusalCode.MatterNotChosen, Assert.Single(application.Claim(Matter.MedicalInsurance, Department.MedicalSecurity, "c", T0).Refusals).Code);
    }

    [Fact]
    public void Claim_AnUnknownMatter_IsRefused() =>
        Assert.Equal(RefusalCode.MatterUnknown, Assert.Single(Accepted().Claim((Matter)77, Department.Tax, "c", T0).Refusals).Code);

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void Claim_WithoutAHandler_IsRefused(string handler) =>
        Assert.Equal(RefusalCode.Required, Assert.Single(Accepted().Claim(Matter.MedicalInsurance, Department.MedicalSecurity, handler, T0).Refusals).Code);

    [Fact]
    public void Reject_WithoutAReason_IsRefused()
    {
        var application = Ok(Accepted().Claim(Matter.MedicalInsurance, Department.MedicalSecurity, "c", T0)).Application;

        Assert.Equal(RefusalCode.Required, Assert.Single(application.Reject(Matter.MedicalInsurance, Department.MedicalSecurity, " ", T0).Refusals).Code);
    }

    [Fact]
    public void RaiseSlaAlerts_RaisesEachOnce()
    {
        var application = Accepted();
        var breach = application.Sla!.Committed.At;

        var first = application.RaiseSlaAlerts(breach);
        var second = first.Application.RaiseSlaAlerts(breach.AddHours(1));

        Assert.Equal([SlaAlert.CommittedDueSoon, SlaAlert.CommittedBreached], first.Events.OfType<SlaAlertRaised>().Select(e => e.Alert));
        Assert.Empty(second.Events);
        Assert.Equal(first.Application.Version, second.Application.Version);
        Assert.Equal(2, first.Application.RaisedAlerts.Count);
    }

    [Fact]
    public void RaiseSlaAlerts_BeforeTime_RaisesNothing() => Assert.Empty(Accepted().RaiseSlaAlerts(T0).Events);

    [Fact]
    public void RaiseSlaAlerts_WhenClosedOrNotAccepted_RaisesNothing()
    {
        var late = T0.AddDays(60);

        Assert.Empty(Submitted().RaiseSlaAlerts(late).Events);
        Assert.Empty(Ok(Accepted().Withdraw("", T0)).Application.RaiseSlaAlerts(late).Events);
    }

    // The application-level transition table: every action from every status, legal or not.
    public enum Stage { PreCheck, SupplementRequired, Accepted, ClosedWithdrawn, ClosedNotAccepted, ClosedAllCompleted }

    public enum Action { Accept, RefuseAcceptance, RequestSupplement, Supplement, ExpireSupplement, Claim, Withdraw }

    private static Application At(Stage stage) => stage switch
    {
        Stage.PreCheck => Submitted(),
        Stage.SupplementRequired => SupplementRequired(),
        Stage.Accepted => Accepted(),
        Stage.ClosedWithdrawn => Ok(Submitted().Withdraw("", T0)).Application,
        Stage.ClosedNotAccepted => Ok(Submitted().RefuseAcceptance(["全日制在校学生"], "basis", T0)).Application,
        Stage.ClosedAllCompleted => Matters.All.Aggregate(
            Accepted(Samples.Online(Matter.MedicalInsurance)),
            (a, m) => m == Matter.MedicalInsurance ? Handle(a, m) : a),
        _ => throw new ArgumentOutOfRangeException(nameof(stage)),
    };

    private static Result<Change> Do(Application application, Action action) => action switch
    {
        Action.Accept => application.Accept(T0, Facts, Calendar, Policy),
        Action.RefuseAcceptance => application.RefuseAcceptance(["全日制在校学生"], "basis", T0),
        Action.RequestSupplement => application.RequestSupplement([new(Material.IdPhoto, "照片不清晰")], T0, Calendar, Policy),
        Action.Supplement => application.Supplement([new(Material.IdentityDocument, MaterialSource.Upload), new(Material.IdPhoto, MaterialSource.Upload)], T0, Calendar, Policy),
        Action.ExpireSupplement => application.ExpireSupplement(T0.AddDays(30)),
        Action.Claim => application.Claim(Matter.MedicalInsurance, Department.MedicalSecurity, "c", T0),
        Action.Withdraw => application.Withdraw("", T0),
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    public static TheoryData<Stage, Action, bool> Table()
    {
        var legal = new HashSet<(Stage, Action)>
        {
            (Stage.PreCheck, Action.Accept),
            (Stage.PreCheck, Action.RefuseAcceptance),
            (Stage.PreCheck, Action.RequestSupplement),
            (Stage.PreCheck, Action.Supplement),
            (Stage.PreCheck, Action.Withdraw),
            (Stage.SupplementRequired, Action.RefuseAcceptance),
            (Stage.SupplementRequired, Action.Supplement),
            (Stage.SupplementRequired, Action.ExpireSupplement),
            (Stage.SupplementRequired, Action.Withdraw),
            (Stage.Accepted, Action.Claim),
            (Stage.Accepted, Action.Withdraw),
        };

        var data = new TheoryData<Stage, Action, bool>();
        foreach (var stage in Enum.GetValues<Stage>())
        {
            foreach (var action in Enum.GetValues<Action>())
            {
                data.Add(stage, action, legal.Contains((stage, action)));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void TransitionTable(Stage stage, Action action, bool legal)
    {
        var application = At(stage);
        var result = Do(application, action);

        Assert.Equal(legal, result.IsOk);
        if (legal)
        {
            Assert.NotEmpty(result.Value!.Events);
            Assert.Equal(application.Version + result.Value.Events.Length, result.Value.Application.Version);
        }
        else
        {
            // A second supplement notice while one is open is refused for what it is (一次告知).
            var expected = (stage, action) == (Stage.SupplementRequired, Action.RequestSupplement) ? RefusalCode.SupplementAlreadyRequested : RefusalCode.IllegalTransition;
            Assert.Contains(result.Refusals, r => r.Code == expected);
        }
    }

    // The matter-level table: claim, complete and reject from every matter status.
    public enum MatterAction { Claim, Complete, Reject }

    public static TheoryData<MatterStatus, MatterAction, bool> MatterTable()
    {
        var data = new TheoryData<MatterStatus, MatterAction, bool>();
        foreach (var status in new[] { MatterStatus.WaitingForPrerequisites, MatterStatus.ReadyForDepartment, MatterStatus.Claimed, MatterStatus.Completed, MatterStatus.Rejected, MatterStatus.Cancelled })
        {
            foreach (var action in Enum.GetValues<MatterAction>())
            {
                var legal = (status, action) is (MatterStatus.ReadyForDepartment, MatterAction.Claim)
                    or (MatterStatus.Claimed, MatterAction.Complete) or (MatterStatus.Claimed, MatterAction.Reject);
                data.Add(status, action, legal);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MatterTable))]
    public void MatterTransitionTable(MatterStatus status, MatterAction action, bool legal)
    {
        // The social security card (3) waits for registration (2): drive 2 and 3 to put 3 in the wanted status.
        var application = Accepted();
        const Matter matter = Matter.SocialSecurityCard;
        var department = Department.HumanResourcesSocialSecurity;
        application = status switch
        {
            MatterStatus.WaitingForPrerequisites => application,
            MatterStatus.Cancelled => Handle(application, Matter.SocialInsuranceRegistration, reject: true),
            _ => Handle(application, Matter.SocialInsuranceRegistration),
        };
        application = status switch
        {
            MatterStatus.Claimed => Ok(application.Claim(matter, department, "c", T0)).Application,
            MatterStatus.Completed => Handle(application, matter),
            MatterStatus.Rejected => Handle(application, matter, reject: true),
            _ => application,
        };
        Assert.Equal(status, StatusOf(application, matter));

        var result = action switch
        {
            MatterAction.Claim => application.Claim(matter, department, "c", T0),
            MatterAction.Complete => application.Complete(matter, department, Done, T0),
            _ => application.Reject(matter, department, "no", T0),
        };

        Assert.Equal(legal, result.IsOk);
        if (!legal)
        {
            Assert.Equal(RefusalCode.IllegalTransition, Assert.Single(result.Refusals).Code);
            Assert.Contains(status.ToString(), result.Refusals[0].MessageEn, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ARefusedTransition_ChangesNothing()
    {
        var application = Accepted();
        var before = application.Matters;

        _ = application.Complete(Matter.MedicalInsurance, Department.MedicalSecurity, Done, T0);

        Assert.Equal(before, application.Matters);
        Assert.Equal(ApplicationStatus.Accepted, application.Status);
    }
    [Fact]
    public void AcceptedInAYearWhoseScheduleIsNotLoaded_IsAccepted_WithDeadlinesFlaggedProvisional()
    {
        // 2027's official schedule is published late in 2026; until an operator loads it, cases go on.
        var newYear = new DateTimeOffset(2027, 1, 4, 9, 0, 0, BeijingTime.Offset);
        var request = Samples.AllNineOnline();
        var submitted = Application.Submit(
            ApplicationNumber.Trusted("530102-20270104-000001"), Precheck.Evaluate(request, BeijingTime.DateOf(newYear), Policy), request, newYear, Calendar.DeadlineAfter(newYear, Policy.ReviewWorkingDays)).Value!.Application;

        var accepted = Ok(submitted.Accept(newYear, Facts, Calendar, Policy)).Application;

        Assert.Equal(ApplicationStatus.Accepted, accepted.Status);
        Assert.True(accepted.Sla!.IsProvisional);
        Assert.True(accepted.Sla.Committed.IsProvisional);
        Assert.Equal(new DateOnly(2027, 1, 6), accepted.Sla.Committed.Day);
    }

    [Fact]
    public void TextsThatCannotBeStored_AreRefused_AndChangeNothing()
    {
        var application = Ok(Accepted().Claim(Matter.MedicalInsurance, Department.MedicalSecurity, "yb-01", T0)).Application;

        Assert.Equal(RefusalCode.InvalidCharacter, application.Withdraw("搬家\u0000", T0).Refusals.Single().Code);
        Assert.Equal(RefusalCode.InvalidCharacter, application.Claim(Matter.SocialInsuranceRegistration, Department.HumanResourcesSocialSecurity, "rs\u202E01", T0).Refusals.Single().Code);
        Assert.Equal(RefusalCode.TooLong, application.Reject(Matter.MedicalInsurance, Department.MedicalSecurity, new string('因', 501), T0).Refusals.Single().Code);
        Assert.Equal(
            [(RefusalCode.TooLong, "result.number"), (RefusalCode.InvalidCharacter, "result.documents[0]"), (RefusalCode.InvalidCharacter, "result.note")],
            application.Complete(Matter.MedicalInsurance, Department.MedicalSecurity, new MatterResult(new string('N', 65), ["doc\u0000"], "备注\u0001"), T0)
                .Refusals.Select(r => (r.Code, r.Field)));
    }
}
