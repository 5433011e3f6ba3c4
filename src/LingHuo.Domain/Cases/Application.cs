using System.Collections.Immutable;
using LingHuo.Domain.Calendar;
using LingHuo.Domain.Catalog;
using LingHuo.Domain.Eligibility;
using LingHuo.Domain.Intake;

namespace LingHuo.Domain.Cases;

/// <summary>
/// One application (办件) and its nine-matter state machine. Immutable: every transition returns the next state with
/// its events, or refuses with reasons and changes nothing.
/// </summary>
public sealed record Application
{
    public required ApplicationNumber Number { get; init; }

    public required ApplicationStatus Status { get; init; }

    public ApplicationOutcome Outcome { get; init; }

    public required Channel Channel { get; init; }

    public required string CountyCode { get; init; }

    public ResultDelivery Delivery { get; init; } = ResultDelivery.PickUp;

    /// <summary>The version of the truthfulness pledge the applicant agreed to (null on applications from before it was asked).</summary>
    public string? PledgeVersion { get; init; }

    public required ImmutableArray<MatterState> Matters { get; init; }

    public required MaterialChecklist Materials { get; init; }

    /// <summary>收件: when the application was received (numbered and stored).</summary>
    public required DateTimeOffset SubmittedAt { get; init; }

    /// <summary>
    /// When what is under review was received: the submission, or the answer to a supplement notice. A deemed acceptance
    /// counts from here.
    /// </summary>
    public DateTimeOffset? ReceivedAt { get; init; }

    /// <summary>预审: by when the county must accept, refuse or ask for a supplement; null outside review.</summary>
    public Deadline? ReviewDeadline { get; init; }

    public SlaClock? Sla { get; init; }

    /// <summary>The supplement notice (一次告知), once one was given: every material and its reason.</summary>
    public ImmutableArray<SupplementItem> SupplementNotice { get; init; } = [];

    public Deadline? SupplementDeadline { get; init; }

    /// <summary>
    /// When the applicant is reminded that the supplement notice ends tomorrow (09:00 Beijing time the day before its
    /// last day); null once reminded, or when the notice was given too late for a reminder.
    /// </summary>
    public DateTimeOffset? SupplementReminderAt { get; init; }

    public EnumSet<SlaAlert> RaisedAlerts { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>送达: every hand-over of results so far.</summary>
    public ImmutableArray<DeliveryRecord> Deliveries { get; init; } = [];

    /// <summary>好差评: the one rating, once given (or recorded by default).</summary>
    public ServiceRating? Rating { get; init; }

    /// <summary>When a default rating is recorded if the applicant has not rated; null when the province records none.</summary>
    public Deadline? RatingDefaultDue { get; init; }

    /// <summary>The rectification ticket a bad review opened.</summary>
    public Rectification? Rectification { get; init; }

    /// <summary>The sequence number of the last event: 0 before submission.</summary>
    public long Version { get; init; }

    public bool IsClosed => Status == ApplicationStatus.Closed;

    public EnumSet<Matter> ChosenMatters
    {
        get
        {
            var set = EnumSet<Matter>.Empty;
            foreach (var matter in Matters)
            {
                set = set.Add(matter.Matter);
            }

            return set;
        }
    }

    /// <summary>The materials a department's matters of this application use: what that department may read.</summary>
    public EnumSet<Material> MaterialsUsedBy(Department department)
    {
        var matters = EnumSet<Matter>.Empty;
        foreach (var state in Matters)
        {
            matters = state.Department == department ? matters.Add(state.Matter) : matters;
        }

        return MaterialRules.Required(matters, Channel).Union(MaterialRules.Optional(matters, Channel));
    }

    /// <summary>Completed matters whose result must still be handed over.</summary>
    public EnumSet<Matter> AwaitingDelivery
    {
        get
        {
            var handed = EnumSet<Matter>.Empty;
            foreach (var delivery in Deliveries.IsDefault ? [] : Deliveries)
            {
                handed = handed.Union(delivery.Matters);
            }

            var awaiting = EnumSet<Matter>.Empty;
            foreach (var state in Matters)
            {
                if (state.Status == MatterStatus.Completed && Catalog.Matters.Delivered.Contains(state.Matter) && !handed.Contains(state.Matter))
                {
                    awaiting = awaiting.Add(state.Matter);
                }
            }

            return awaiting;
        }
    }

    /// <summary>Closed, and every result that needs delivery was delivered (picked up, or its parcel confirmed received).</summary>
    public bool IsDelivered => IsClosed && AwaitingDelivery.IsEmpty && (Deliveries.IsDefault || Deliveries.All(d => d.IsDelivered));

    public MatterState? MatterOf(Matter matter)
    {
        foreach (var state in Matters)
        {
            if (state.Matter == matter)
            {
                return state;
            }
        }

        return null;
    }

    /// <summary>
    /// 收件: files an application whose pre-check has no refusals other than missing materials. It waits for review until
    /// <paramref name="reviewDue"/>, unless the caller decides at once.
    /// </summary>
    public static Result<Change> Submit(ApplicationNumber number, PrecheckResult precheck, ApplicationRequest request, DateTimeOffset at, Deadline reviewDue)
    {
        ArgumentNullException.ThrowIfNull(precheck);
        ArgumentNullException.ThrowIfNull(request);
        var (channel, countyCode) = (request.Channel, request.CountyCode ?? "");
        if (precheck.Verdict == PrecheckVerdict.NotAccepted || precheck.Materials is null)
        {
            return Result<Change>.Refused(precheck.Refusals.Where(r => r.Code != RefusalCode.MaterialMissing).ToImmutableArray());
        }

        var application = new Application
        {
            Number = number,
            Status = ApplicationStatus.PreCheck,
            Channel = channel,
            CountyCode = countyCode,
            Delivery = request.Delivery ?? ResultDelivery.PickUp,
            PledgeVersion = request.PledgeVersion,
            Matters = [.. precheck.Matters.Select(m => new MatterState(m, MatterStatus.Pending, EnumSet<Matter>.Empty))],
            Materials = precheck.Materials.ReceivedAt(at),
            SubmittedAt = at,
            ReceivedAt = at,
            ReviewDeadline = reviewDue,
        };

        var change = new Transition(application, at);
        change.Emit(seq => new ApplicationSubmitted(seq, at, precheck.Matters, channel, countyCode));
        return change.Done();
    }

    /// <summary>
    /// 受理: every required material is present (no 容缺), the prerequisites of each matter are chosen or already satisfied.
    /// Matters with nothing to wait for go to their departments at once; the SLA clock starts.
    /// </summary>
    public Result<Change> Accept(DateTimeOffset at, ApplicantFacts facts, WorkingDayCalendar calendar, CasePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(policy);
        if (Status != ApplicationStatus.PreCheck)
        {
            return Refusals.IllegalTransition("accept", StatusText);
        }

        var refusals = policy.Prerequisites.CheckChoice(ChosenMatters, Materials.ProvidedSet, facts).ToBuilder();
        foreach (var missing in Materials.Missing)
        {
            refusals.Add(Refusals.MaterialMissing(missing));
        }

        return refusals.Count > 0
            ? Result<Change>.Refused(refusals.ToImmutable())
            : StartHandling(at, at, deemed: false, facts, calendar, policy);
    }

    /// <summary>
    /// Nobody decided within the review period: the application counts as accepted on the day it was received
    /// (Administrative Licensing Law Art. 32), whatever a clerk might have found, and its clocks run from then.
    /// </summary>
    public Result<Change> DeemAccepted(DateTimeOffset at, ApplicantFacts facts, WorkingDayCalendar calendar, CasePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (Status != ApplicationStatus.PreCheck || ReviewDeadline is not { } deadline)
        {
            return Refusals.IllegalTransition("deem accepted", StatusText);
        }

        return at < deadline.At
            ? Refusals.IllegalTransition("deem accepted before the review deadline", StatusText)
            : StartHandling(ReceivedAt ?? SubmittedAt, at, deemed: true, facts, calendar, policy);
    }

    private Result<Change> StartHandling(DateTimeOffset acceptedAt, DateTimeOffset at, bool deemed, ApplicantFacts facts, WorkingDayCalendar calendar, CasePolicy policy)
    {
        var sla = SlaClock.Start(acceptedAt, calendar, policy);
        var change = new Transition(this with { Status = ApplicationStatus.Accepted, Sla = sla, ReviewDeadline = null, SupplementDeadline = null, SupplementReminderAt = null }, at);
        change.Emit(seq => new ApplicationAccepted(seq, at, sla, deemed));
        var provided = Materials.ProvidedSet;
        foreach (var state in Matters)
        {
            var waitsFor = policy.Prerequisites.Pending(state.Matter, provided, facts);
            change.SetMatter(state with { Status = MatterStatus.WaitingForPrerequisites, WaitsFor = waitsFor });
        }

        change.ReleaseReadyMatters();
        return change.Done();
    }

    /// <summary>不予受理: closes the application before acceptance, with the clerk's reasons and their legal basis.</summary>
    public Result<Change> RefuseAcceptance(ImmutableArray<string> reasons, string legalBasis, DateTimeOffset at)
    {
        if (Status is not (ApplicationStatus.PreCheck or ApplicationStatus.SupplementRequired))
        {
            return Refusals.IllegalTransition("refuse acceptance", StatusText);
        }

        var refusals = ImmutableArray.CreateBuilder<Refusal>();
        if (reasons.IsDefaultOrEmpty || reasons.Any(string.IsNullOrWhiteSpace))
        {
            refusals.Add(Refusals.Required("reasons", "不予受理理由", "reasons for refusing acceptance"));
        }

        refusals.AddRange(TextField.Reason.CheckAll(reasons, "reasons", MaxListedReasons));
        if (string.IsNullOrWhiteSpace(legalBasis))
        {
            refusals.Add(Refusals.Required("legalBasis", "法律依据", "legal basis"));
        }
        else if (TextField.LegalBasis.Check(legalBasis, "legalBasis") is { } badBasis)
        {
            refusals.Add(badBasis);
        }

        if (refusals.Count > 0)
        {
            return Result<Change>.Refused(refusals.ToImmutable());
        }

        var change = new Transition(this with { ReviewDeadline = null }, at);
        change.Emit(seq => new AcceptanceRefused(seq, at, reasons, legalBasis));
        change.CancelOpenMatters(CancelReason.NotAccepted);
        change.Close(ApplicationOutcome.NotAccepted);
        return change.Done();
    }

    /// <summary>How many reasons one refusal or supplement notice may list.</summary>
    public const int MaxListedReasons = 20;

    /// <summary>
    /// 补正告知, told once: every missing or defective material with its reason, in one notice with a deadline to answer.
    /// A second notice while one is open is refused.
    /// </summary>
    public Result<Change> RequestSupplement(ImmutableArray<SupplementItem> items, DateTimeOffset at, WorkingDayCalendar calendar, CasePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(policy);
        if (Status == ApplicationStatus.SupplementRequired && SupplementDeadline is { } open)
        {
            return Refusals.SupplementAlreadyRequested(open.Day);
        }

        if (Status != ApplicationStatus.PreCheck)
        {
            return Refusals.IllegalTransition("request a supplement", StatusText);
        }

        if (items.IsDefaultOrEmpty)
        {
            return Refusals.Required("items", "补正材料", "materials to supplement");
        }

        if (CheckNotice(items, Materials.Required.Union(Materials.Optional)) is { IsEmpty: false } refusals)
        {
            return Result<Change>.Refused(refusals);
        }

        var due = calendar.DeadlineAfter(at, policy.SupplementWorkingDays);
        var remind = BeijingTime.StartOf(due.Day.AddDays(-1)).AddHours(9);
        var change = new Transition(this with
        {
            Status = ApplicationStatus.SupplementRequired,
            SupplementNotice = items,
            SupplementDeadline = due,
            SupplementReminderAt = remind > at ? remind : null,
            ReviewDeadline = null,
        }, at);
        change.Emit(seq => new SupplementRequested(seq, at, items, due));
        return change.Done();
    }

    /// <summary>
    /// 时限中止: a department returns its claimed matter for the applicant to supplement the materials it uses, each with
    /// a reason; the clocks stand still until the applicant answers.
    /// </summary>
    public Result<Change> ReturnForSupplement(Matter matter, Department department, ImmutableArray<SupplementItem> items, DateTimeOffset at)
    {
        if (items.IsDefaultOrEmpty)
        {
            return Refusals.Required("items", "补正材料", "materials to supplement");
        }

        if (CheckNotice(items, MaterialsUsedBy(department)) is { IsEmpty: false } refusals)
        {
            return Result<Change>.Refused(refusals);
        }

        return OnMatter(matter, department, "return for supplement", MatterStatus.Claimed, at, (change, state) =>
        {
            change.SetMatter(state with { Status = MatterStatus.WaitingForApplicant, SupplementItems = items });
            change.Update(a => a with { Sla = a.Sla?.Pause(at) });
            change.Emit(seq => new MatterSupplementRequested(seq, at, matter, department, items));
        });
    }

    // Every line of a notice names a material that applies, once, with a reason.
    private static ImmutableArray<Refusal> CheckNotice(ImmutableArray<SupplementItem> items, EnumSet<Material> applicable)
    {
        var refusals = ImmutableArray.CreateBuilder<Refusal>();
        if (items.Length > MaxListedReasons)
        {
            refusals.Add(Refusals.InvalidValue("items", "补正材料", "materials to supplement", $"不超过{MaxListedReasons}项", $"at most {MaxListedReasons} items"));
        }

        var seen = EnumSet<Material>.Empty;
        for (var i = 0; i < items.Length; i++)
        {
            var (material, reason) = items[i];
            var field = $"items[{i}]";
            if (!MaterialRules.IsDefined(material))
            {
                refusals.Add(Refusals.MaterialUnknown($"{field}.material", (int)material));
            }
            else if (!applicable.Contains(material))
            {
                refusals.Add(Refusals.MaterialSourceNotAllowed($"{field}.material", material, MaterialSource.Upload, Channel.Online));
            }
            else if (seen.Contains(material))
            {
                refusals.Add(Refusals.MaterialDuplicate($"{field}.material", material));
            }

            seen = MaterialRules.IsDefined(material) ? seen.Add(material) : seen;
            if (string.IsNullOrWhiteSpace(reason))
            {
                refusals.Add(Refusals.Required($"{field}.reason", "补正理由", "reason to supplement"));
            }
            else if (TextField.Reason.Check(reason, $"{field}.reason") is { } badReason)
            {
                refusals.Add(badReason);
            }
        }

        return refusals.ToImmutable();
    }

    /// <summary>The notice an incomplete submission gets when nobody reviews it: every missing material, "not provided".</summary>
    public ImmutableArray<SupplementItem> MissingAsNotice() =>
        [.. Materials.Missing.Select(m => new SupplementItem(m, "未提交该材料"))];

    /// <summary>
    /// Materials handed in before acceptance. An answer to a supplement notice must bring every material the notice
    /// lists (or is refused naming what is still missing); the application is then back in review, with a new review
    /// period from the answer.
    /// </summary>
    public Result<Change> Supplement(IReadOnlyList<ProvidedMaterial> materials, DateTimeOffset at, WorkingDayCalendar calendar, CasePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(policy);
        var waiting = Matters.Where(m => m.Status == MatterStatus.WaitingForApplicant).ToImmutableArray();
        if (Status is not (ApplicationStatus.PreCheck or ApplicationStatus.SupplementRequired) && (Status != ApplicationStatus.Accepted || waiting.IsEmpty))
        {
            return Refusals.IllegalTransition("supplement materials", StatusText);
        }

        if (SupplementDeadline is { } deadline && at >= deadline.At)
        {
            return Refusals.SupplementOverdue(deadline.Day);
        }

        if (materials is not { Count: > 0 })
        {
            return Refusals.Required("materials", "补正材料", "materials to supplement");
        }

        // Checked as a set of its own (no duplicates, right source), then merged over what was given before.
        var check = MaterialRules.Check(ChosenMatters, Channel, materials);
        if (!check.TryGetValue(out var supplemented))
        {
            return Result<Change>.Refused(check.Refusals);
        }

        var materialsAfter = Materials.With([.. supplemented.Provided.Select(p => p.ReceivedAt(at))]);
        var next = this with { Materials = materialsAfter };
        if (Status == ApplicationStatus.Accepted)
        {
            return AnswerDepartments(waiting, supplemented.ProvidedSet, next, at, calendar);
        }

        if (Status == ApplicationStatus.SupplementRequired)
        {
            var unanswered = SupplementNotice.Where(item => !supplemented.ProvidedSet.Contains(item.Material)).ToImmutableArray();
            if (!unanswered.IsEmpty)
            {
                return Result<Change>.Refused([.. unanswered.Select(item => Refusals.SupplementIncomplete(item.Material))]);
            }

            next = next with
            {
                Status = ApplicationStatus.PreCheck,
                SupplementDeadline = null,
                SupplementReminderAt = null,
                ReceivedAt = at,
                ReviewDeadline = calendar.DeadlineAfter(at, policy.ReviewWorkingDays),
            };
        }

        var change = new Transition(next, at);
        change.Emit(seq => new MaterialsSupplemented(seq, at, supplemented.ProvidedSet));
        return change.Done();
    }

    // The answer to the departments' returns: every material they asked for, then each matter is theirs again and the
    // clocks run, their deadlines moved by the working days they stood still.
    private static Result<Change> AnswerDepartments(ImmutableArray<MatterState> waiting, EnumSet<Material> answered, Application next, DateTimeOffset at, WorkingDayCalendar calendar)
    {
        var unanswered = waiting.SelectMany(m => m.SupplementItems).Select(i => i.Material).Where(m => !answered.Contains(m)).Distinct().ToImmutableArray();
        if (!unanswered.IsEmpty)
        {
            return Result<Change>.Refused([.. unanswered.Select(Refusals.SupplementIncomplete)]);
        }

        var change = new Transition(next with { Sla = next.Sla?.Resume(at, calendar) }, at);
        change.Emit(seq => new MaterialsSupplemented(seq, at, answered));
        foreach (var state in waiting)
        {
            change.SetMatter(state with { Status = MatterStatus.Claimed, SupplementItems = [] });
            change.Emit(seq => new MatterSupplemented(seq, at, state.Matter, state.Department));
        }

        return change.Done();
    }

    /// <summary>补正超时驳回: closes an application whose supplement deadline has passed.</summary>
    public Result<Change> ExpireSupplement(DateTimeOffset at)
    {
        if (Status != ApplicationStatus.SupplementRequired || SupplementDeadline is not { } deadline)
        {
            return Refusals.IllegalTransition("expire the supplement notice", StatusText);
        }

        if (at < deadline.At)
        {
            return Refusals.SupplementNotDue(deadline.Day);
        }

        var change = new Transition(this, at);
        change.CancelOpenMatters(CancelReason.SupplementOverdue);
        change.Close(ApplicationOutcome.SupplementOverdue);
        return change.Done();
    }

    public Result<Change> Claim(Matter matter, Department department, string handler, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(handler))
        {
            return Refusals.Required("handler", "承办人", "handler");
        }

        if (TextField.Handler.Check(handler, "handler") is { } badHandler)
        {
            return badHandler;
        }

        return OnMatter(matter, department, "claim", MatterStatus.ReadyForDepartment, at, (change, state) =>
        {
            change.SetMatter(state with { Status = MatterStatus.Claimed, Handler = handler });
            change.Emit(seq => new MatterClaimed(seq, at, matter, department, handler));
        });
    }

    public Result<Change> Complete(Matter matter, Department department, MatterResult result, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Check() is { IsEmpty: false } badResult)
        {
            return Result<Change>.Refused(badResult);
        }

        return OnMatter(matter, department, "complete", MatterStatus.Claimed, at, (change, state) =>
        {
            change.SetMatter(state with { Status = MatterStatus.Completed, Result = result });
            change.Emit(seq => new MatterCompleted(seq, at, matter, department, result));
            change.ReleaseReadyMatters();
            change.CloseIfDone();
        });
    }

    public Result<Change> Reject(Matter matter, Department department, string reason, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return Refusals.Required("reason", "驳回理由", "reason for rejection");
        }

        if (TextField.Reason.Check(reason, "reason") is { } badReason)
        {
            return badReason;
        }

        return OnMatter(matter, department, "reject", MatterStatus.Claimed, at, (change, state) =>
        {
            change.SetMatter(state with { Status = MatterStatus.Rejected, Reason = reason });
            change.Emit(seq => new MatterRejected(seq, at, matter, department, reason));
            change.CancelDependentsOf(matter);
            change.CloseIfDone();
        });
    }

    /// <summary>The applicant withdraws: every open matter is cancelled and the application closes.</summary>
    public Result<Change> Withdraw(string reason, DateTimeOffset at)
    {
        if (TextField.Reason.Check(reason, "reason") is { } badReason)
        {
            return badReason;
        }

        if (IsClosed)
        {
            return Refusals.IllegalTransition("withdraw", StatusText);
        }

        var change = new Transition(this, at);
        change.Emit(seq => new ApplicationWithdrawn(seq, at, reason ?? ""));
        change.CancelOpenMatters(CancelReason.Withdrawn);
        change.Close(ApplicationOutcome.Withdrawn);
        return change.Done();
    }

    /// <summary>寄递: results handed to a carrier, for an applicant who chose mail. No matters named means every result awaiting delivery.</summary>
    public Result<Change> RecordDispatch(EnumSet<Matter> matters, string carrier, string waybill, DateTimeOffset at)
    {
        if (Delivery.Method != DeliveryMethod.MailCashOnDelivery)
        {
            return Refusals.IllegalTransition("dispatch by mail", "PickUp chosen");
        }

        var refusals = ImmutableArray.CreateBuilder<Refusal>();
        refusals.AddRange(RequiredText(carrier, "carrier", TextField.Carrier));
        refusals.AddRange(RequiredText(waybill, "waybillNumber", TextField.Waybill));
        if (!Deliveries.IsDefault && Deliveries.Any(d => d.Waybill == waybill))
        {
            refusals.Add(Refusals.InvalidValue("waybillNumber", "运单号", "waybill number", "本申请未用过的运单号", "one this application has not used"));
        }

        var handed = ToHandOver(matters, refusals);
        if (refusals.Count > 0)
        {
            return Result<Change>.Refused(refusals.ToImmutable());
        }

        var change = new Transition(this with { Deliveries = Deliveries.Add(new DeliveryRecord(handed, DeliveryKind.Dispatched, at, carrier, waybill)) }, at);
        change.Emit(seq => new ResultDispatched(seq, at, handed, carrier, waybill));
        return change.Done();
    }

    /// <summary>领取: results collected at the window by the applicant or their agent, whose identity the clerk checked.</summary>
    public Result<Change> RecordPickUp(EnumSet<Matter> matters, string collectedBy, bool identityChecked, DateTimeOffset at)
    {
        var refusals = ImmutableArray.CreateBuilder<Refusal>();
        refusals.AddRange(RequiredText(collectedBy, "collectedBy", TextField.CollectedBy));
        if (!identityChecked)
        {
            refusals.Add(Refusals.InvalidValue("identityChecked", "领取人身份核验", "collector's identity check", "已核验", "done before the results are handed over"));
        }

        var handed = ToHandOver(matters, refusals);
        if (refusals.Count > 0)
        {
            return Result<Change>.Refused(refusals.ToImmutable());
        }

        var change = new Transition(this with { Deliveries = Deliveries.Add(new DeliveryRecord(handed, DeliveryKind.PickedUp, at, CollectedBy: collectedBy)) }, at);
        change.Emit(seq => new ResultPickedUp(seq, at, handed));
        change.NoteIfDelivered();
        return change.Done();
    }

    /// <summary>The parcel with this waybill was received.</summary>
    public Result<Change> ConfirmDelivery(string waybill, DateTimeOffset at)
    {
        var record = Deliveries.IsDefault ? null : Deliveries.FirstOrDefault(d => d.Kind == DeliveryKind.Dispatched && d.Waybill == waybill);
        if (record is null)
        {
            return Refusals.InvalidValue("waybillNumber", "运单号", "waybill number", "本申请已寄出的运单号", "one this application was dispatched with");
        }

        if (record.ConfirmedAt is not null)
        {
            return Refusals.IllegalTransition("confirm delivery", "Delivered");
        }

        var change = new Transition(this with { Deliveries = Deliveries.Replace(record, record with { ConfirmedAt = at }) }, at);
        change.Emit(seq => new DeliveryConfirmed(seq, at, waybill));
        change.NoteIfDelivered();
        return change.Done();
    }

    /// <summary>
    /// The invitation to rate that follows every closure, with the day a default 满意 is recorded where the province
    /// records one. Called by whoever closes the application, in the same change.
    /// </summary>
    public Change InviteRating(DateTimeOffset at, WorkingDayCalendar calendar, CasePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(policy);
        Deadline? defaultDue = policy.DefaultRatingWorkingDays > 0 ? calendar.DeadlineAfter(at, policy.DefaultRatingWorkingDays) : null;
        var change = new Transition(this with { RatingDefaultDue = defaultDue }, at);
        change.Emit(seq => new RatingInvited(seq, at, defaultDue));
        return change.Done();
    }

    /// <summary>
    /// 好差评, once, after closure. A bad review (不满意, 非常不满意) opens a rectification ticket for the county office.
    /// </summary>
    public Result<Change> Rate(RatingLevel level, ImmutableArray<string> tags, string? comment, DateTimeOffset at, WorkingDayCalendar calendar, CasePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(policy);
        if (!IsClosed)
        {
            return Refusals.IllegalTransition("rate the service", StatusText);
        }

        if (Rating is { } given)
        {
            return Refusals.AlreadyRated(given.At);
        }

        var refusals = ImmutableArray.CreateBuilder<Refusal>();
        if (!Enum.IsDefined(level))
        {
            refusals.Add(Refusals.InvalidValue("level", "评价等级", "rating level", "非常满意、满意、基本满意、不满意或非常不满意", "one of the five levels"));
        }

        tags = tags.IsDefault ? [] : tags;
        refusals.AddRange(TextField.RatingTag.CheckAll(tags, "tags", MaxRatingTags));
        if (TextField.RatingComment.Check(comment, "comment") is { } badComment)
        {
            refusals.Add(badComment);
        }

        return refusals.Count > 0
            ? Result<Change>.Refused(refusals.ToImmutable())
            : Rated(new ServiceRating(level, tags, string.IsNullOrWhiteSpace(comment) ? null : comment, at), at, calendar, policy);
    }

    /// <summary>How many tags one rating may carry.</summary>
    public const int MaxRatingTags = 10;

    /// <summary>整改: the county office's answer to a bad review closes its ticket.</summary>
    public Result<Change> RespondToRating(string response, DateTimeOffset at)
    {
        if (Rectification is not { IsOpen: true } ticket)
        {
            return Refusals.IllegalTransition("respond to the rating", Rectification is null ? "no rectification ticket" : "rectification closed");
        }

        if (RequiredText(response, "response", TextField.RectificationResponse).FirstOrDefault() is { } badResponse)
        {
            return badResponse;
        }

        var change = new Transition(this with { Rectification = ticket with { Response = response, RespondedAt = at } }, at);
        change.Emit(seq => new RectificationClosed(seq, at));
        return change.Done();
    }

    private Result<Change> Rated(ServiceRating rating, DateTimeOffset at, WorkingDayCalendar calendar, CasePolicy policy)
    {
        var change = new Transition(this with { Rating = rating, RatingDefaultDue = null }, at);
        change.Emit(seq => new ServiceRated(seq, at, rating.Level, rating.Tags, rating.IsDefault));
        if (rating.IsBad)
        {
            var due = calendar.DeadlineAfter(at, policy.RectificationWorkingDays);
            change.Update(a => a with { Rectification = new Rectification(at, due) });
            change.Emit(seq => new RectificationOpened(seq, at, due));
        }

        return change.Done();
    }

    private EnumSet<Matter> ToHandOver(EnumSet<Matter> matters, ImmutableArray<Refusal>.Builder refusals)
    {
        var awaiting = AwaitingDelivery;
        if (matters.IsEmpty)
        {
            if (awaiting.IsEmpty)
            {
                refusals.Add(Refusals.IllegalTransition("hand over results", "nothing awaiting delivery"));
            }

            return awaiting;
        }

        foreach (var matter in matters.Except(awaiting))
        {
            refusals.Add(Refusals.ResultNotAwaitingDelivery(matter));
        }

        return matters;
    }

    private static IEnumerable<Refusal> RequiredText(string? text, string field, TextField rules)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            yield return Refusals.Required(field, rules.NameZh, rules.NameEn);
        }
        else if (rules.Check(text, field) is { } refusal)
        {
            yield return refusal;
        }
    }

    /// <summary>
    /// Raises the SLA alerts whose time has come and that were not raised before: each at most once, so a deadline sweep that
    /// wakes it twice (after a restart or a silo move) raises nothing the second time. Outside acceptance there is nothing to raise.
    /// </summary>
    public Change RaiseSlaAlerts(DateTimeOffset at)
    {
        var change = new Transition(this, at);
        if (Status != ApplicationStatus.Accepted || Sla is null or { PausedSince: not null })
        {
            return change.Done();
        }

        var due = Sla.AlertsDue(at).Except(RaisedAlerts);
        foreach (var alert in due)
        {
            var deadline = alert is SlaAlert.CommittedDueSoon or SlaAlert.CommittedBreached ? Sla.Committed : Sla.Statutory;
            change.Emit(seq => new SlaAlertRaised(seq, at, alert, deadline));
        }

        change.Update(a => a with { RaisedAlerts = a.RaisedAlerts.Union(due) });
        return change.Done();
    }

    /// <summary>
    /// When the next timed transition is due: the end of the review period, the reminder before the end of a supplement
    /// notice and that end, or the next SLA alert of an accepted application; after closure the default rating and an
    /// overdue rectification ticket. A timer firing at or after this instant calls
    /// <see cref="OnTimer"/>.
    /// </summary>
    public DateTimeOffset? NextTimerAt
    {
        get
        {
            switch (Status)
            {
                case ApplicationStatus.PreCheck:
                    return ReviewDeadline?.At;
                case ApplicationStatus.SupplementRequired:
                    return Earliest(SupplementReminderAt, SupplementDeadline?.At);
                case ApplicationStatus.Accepted when Sla is { PausedSince: null }:
                    DateTimeOffset? next = null;
                    foreach (var alert in Enum.GetValues<SlaAlert>())
                    {
                        if (!RaisedAlerts.Contains(alert) && (next is null || Sla.DueAt(alert) < next))
                        {
                            next = Sla.DueAt(alert);
                        }
                    }

                    return next;
                case ApplicationStatus.Closed:
                    return Earliest(Rating is null ? RatingDefaultDue?.At : null, Rectification is { IsOpen: true, OverdueAlerted: false } ticket ? ticket.Due.At : null);
                default:
                    return null;
            }
        }
    }

    /// <summary>
    /// What a timer does at <paramref name="at"/>: deem an undecided application accepted, remind of a supplement notice
    /// ending tomorrow or expire an overdue one, or raise due SLA alerts. Nothing when nothing is due.
    /// </summary>
    public Change OnTimer(DateTimeOffset at, ApplicantFacts facts, WorkingDayCalendar calendar, CasePolicy policy)
    {
        if (NextTimerAt is not { } due || at < due)
        {
            return new Change(this, []);
        }

        return Status switch
        {
            ApplicationStatus.PreCheck => DeemAccepted(at, facts, calendar, policy).Value!,
            ApplicationStatus.SupplementRequired when SupplementDeadline is { } deadline && at < deadline.At => RemindOfSupplement(at, deadline),
            ApplicationStatus.SupplementRequired => ExpireSupplement(at).Value!,
            ApplicationStatus.Closed => AfterClosure(at, calendar, policy),
            _ => RaiseSlaAlerts(at),
        };
    }

    private Change RemindOfSupplement(DateTimeOffset at, Deadline due)
    {
        var change = new Transition(this with { SupplementReminderAt = null }, at);
        change.Emit(seq => new SupplementDueSoon(seq, at, due));
        return change.Done();
    }

    // After closure: the default rating when its day has come (a default 满意 opens no ticket), then an overdue
    // rectification ticket's alert, once.
    private Change AfterClosure(DateTimeOffset at, WorkingDayCalendar calendar, CasePolicy policy)
    {
        var change = Rating is null && RatingDefaultDue is { } ratingDue && at >= ratingDue.At
            ? Rated(new ServiceRating(RatingLevel.Satisfied, [], null, at, IsDefault: true), at, calendar, policy).Value!
            : new Change(this, []);
        if (change.Application.Rectification is { IsOpen: true, OverdueAlerted: false } ticket && at >= ticket.Due.At)
        {
            var overdue = new Transition(change.Application with { Rectification = ticket with { OverdueAlerted = true } }, at);
            overdue.Emit(seq => new RectificationOverdue(seq, at, ticket.Due));
            var alerted = overdue.Done();
            change = new Change(alerted.Application, change.Events.AddRange(alerted.Events));
        }

        return change;
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : (a < b ? a : b);

    private string StatusText => IsClosed ? $"{Status} ({Outcome})" : Status.ToString();

    private Result<Change> OnMatter(Matter matter, Department department, string action, MatterStatus expected, DateTimeOffset at, Action<Transition, MatterState> apply)
    {
        if (Status != ApplicationStatus.Accepted)
        {
            return Refusals.IllegalTransition(action, StatusText);
        }

        if (MatterOf(matter) is not { } state)
        {
            return Catalog.Matters.IsDefined(matter) ? Refusals.MatterNotChosen(matter) : Refusals.MatterUnknown("matter", (int)matter);
        }

        if (state.Department != department)
        {
            return Refusals.WrongDepartment(matter, department);
        }

        if (state.Status != expected)
        {
            return Refusals.MatterIllegalTransition(matter, action, state.Status.ToString());
        }

        var change = new Transition(this, at);
        apply(change, state);
        return change.Done();
    }

    /// <summary>Accumulates one transition: the evolving application and its events, numbered from the current version.</summary>
    private sealed class Transition(Application start, DateTimeOffset at)
    {
        private readonly ImmutableArray<CaseEvent>.Builder _events = ImmutableArray.CreateBuilder<CaseEvent>();
        private Application _application = start;

        public void Emit(Func<long, CaseEvent> create) =>
            _events.Add(create(_application.Version + _events.Count + 1));

        public void Update(Func<Application, Application> update) => _application = update(_application);

        public void SetMatter(MatterState state) =>
            _application = _application with { Matters = _application.Matters.Replace(_application.MatterOf(state.Matter)!, state) };

        /// <summary>Sends every waiting matter whose prerequisites are all completed to its department.</summary>
        public void ReleaseReadyMatters()
        {
            var completed = EnumSet<Matter>.Empty;
            foreach (var state in _application.Matters)
            {
                if (state.Status == MatterStatus.Completed)
                {
                    completed = completed.Add(state.Matter);
                }
            }

            foreach (var state in _application.Matters)
            {
                if (state.Status == MatterStatus.WaitingForPrerequisites && state.WaitsFor.IsSubsetOf(completed))
                {
                    SetMatter(state with { Status = MatterStatus.ReadyForDepartment });
                    Emit(seq => new MatterReady(seq, at, state.Matter, state.Department));
                }
            }
        }

        /// <summary>Cancels, transitively, every open matter that waits for a rejected one.</summary>
        public void CancelDependentsOf(Matter rejected)
        {
            foreach (var matter in _application.ChosenMatters)
            {
                // Read afresh: the recursion below may already have cancelled it.
                var state = _application.MatterOf(matter)!;
                if (!state.IsTerminal && state.WaitsFor.Contains(rejected))
                {
                    SetMatter(state with { Status = MatterStatus.Cancelled, CancelReason = CancelReason.PrerequisiteRejected, Reason = Catalog.Matters.Info(rejected).Code });
                    Emit(seq => new MatterCancelled(seq, at, state.Matter, state.Department, CancelReason.PrerequisiteRejected, rejected));
                    CancelDependentsOf(state.Matter);
                }
            }
        }

        /// <summary>Cancels every open matter; only those a department could already see produce an event.</summary>
        public void CancelOpenMatters(CancelReason reason)
        {
            foreach (var state in _application.Matters)
            {
                if (state.IsTerminal)
                {
                    continue;
                }

                SetMatter(state with { Status = MatterStatus.Cancelled, CancelReason = reason });
                if (state.Status != MatterStatus.Pending)
                {
                    Emit(seq => new MatterCancelled(seq, at, state.Matter, state.Department, reason, null));
                }
            }
        }

        /// <summary>Says so when the last result that needed delivery was delivered.</summary>
        public void NoteIfDelivered()
        {
            if (_application.IsDelivered)
            {
                Emit(seq => new ResultsDelivered(seq, at));
            }
        }

        public void CloseIfDone()
        {
            if (_application.Matters.All(m => m.IsTerminal))
            {
                Close(_application.Matters.All(m => m.Status == MatterStatus.Completed)
                    ? ApplicationOutcome.AllCompleted
                    : ApplicationOutcome.CompletedWithRejections);
            }
        }

        public void Close(ApplicationOutcome outcome)
        {
            _application = _application with { Status = ApplicationStatus.Closed, Outcome = outcome, ClosedAt = at, SupplementDeadline = null, SupplementReminderAt = null };
            Emit(seq => new ApplicationClosed(seq, at, outcome));
        }

        public Change Done() => new(_application with { Version = _application.Version + _events.Count }, _events.DrainToImmutable());
    }
}
