using System.Security.Cryptography;
using System.Text;
using LingHuo.Domain;
using LingHuo.Domain.Calendar;
using LingHuo.Domain.Cases;
using LingHuo.Domain.Identity;
using LingHuo.Domain.Intake;
using LingHuo.Domain.Notifications;
using LingHuo.Grains.Abstractions;
using LingHuo.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LingHuo.Grains;

public sealed partial class ApplicationGrain(
    [PersistentState(StorageNames.ApplicationState, StorageNames.Cases)] IPersistentState<ApplicationGrainState> state,
    [FromKeyedServices(ServiceKeys.BusinessClock)] TimeProvider clock,
    CalendarHolder calendar,
    IOptions<CaseOptions> options,
    CaseMetrics metrics,
    ILogger<ApplicationGrain> logger)
    : Grain, IApplicationGrain
{
    private readonly CaseOptions _options = options.Value;

    private ApplicationNumber Number => ApplicationNumber.Trusted(this.GetPrimaryKeyString());

    public async Task<CaseResult> Open(OpenApplication command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (state.State.Application is { } existing)
        {
            return state.State.Requests.Find(command.RequestId) is not null
                ? CaseResult.Ok(existing, replayed: true)
                : CaseResult.Refused(Refusals.RequestIdReused(command.RequestId));
        }

        var now = clock.GetUtcNow();
        var policy = _options.Policy;
        var request = command.Request with { Facts = command.Facts };
        var precheck = command.Precheck ?? PrecheckForPreviousVersion(request, now);
        var submitted = Application.Submit(Number, precheck, request, now, calendar.Current.DeadlineAfter(now, policy.ReviewWorkingDays));
        if (!submitted.TryGetValue(out var change))
        {
            metrics.Refused(submitted.Refusals);
            return CaseResult.Refused(submitted.Refusals);
        }

        // A clerk taking it in person at the window, or a county that does not review by hand, decides at once: accept
        // when nothing is missing, otherwise one supplement notice listing it all. Anything else waits for review.
        var actor = command.Actor ?? Actor.System;
        var inPerson = actor.Kind == ActorKind.Clerk && request.Channel == Channel.Window;
        if (inPerson || _options.Acceptance.ModeOf(change.Application.CountyCode) == AcceptanceMode.Auto)
        {
            var application = change.Application;
            var decided = application.Materials.IsComplete
                ? application.Accept(now, command.Facts, calendar.Current, policy)
                : application.RequestSupplement(application.MissingAsNotice(), now, calendar.Current, policy);
            if (decided.TryGetValue(out var decision))
            {
                var decidedBy = inPerson ? actor : Actor.System;
                change = new Change(decision.Application, change.Events.AddRange(decision.Events.Select(e => e with { Actor = decidedBy })));
            }
        }

        var basis = state.State with
        {
            ApplicantKey = command.ApplicantKey, IdentityNumber = command.Request.IdentityNumber, ApplicantName = command.Request.ApplicantName,
            ContactPhone = command.Request.ContactPhone, Facts = command.Facts,
        };
        return await Persist(basis, change, actor, command.RequestId, nameof(Open));
    }

    // An applicant grain of the previous version (during a rolling upgrade) hands over no pre-check.
    private PrecheckResult PrecheckForPreviousVersion(ApplicationRequest request, DateTimeOffset now)
    {
        var precheck = Precheck.Evaluate(request, BeijingTime.DateOf(now), _options.Policy);
        metrics.Prechecked(precheck.Verdict);
        return precheck;
    }

    public Task<CaseResult> Get() => Task.FromResult(
        state.State.Application is { } application ? CaseResult.Ok(application) : CaseResult.Refused(Refusals.ApplicationNotFound(Number)));

    public Task<Application?> Lookup(string applicantName)
    {
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(ApplicantNames.Normalize(applicantName)));
        var known = SHA256.HashData(Encoding.UTF8.GetBytes(ApplicantNames.Normalize(state.State.ApplicantName ?? "\u0000")));
        var matches = CryptographicOperations.FixedTimeEquals(given, known) && state.State.ApplicantName is not null;
        return Task.FromResult(matches ? state.State.Application : null);
    }

    public Task<string?> ApplicantKey() => Task.FromResult(state.State.Application is null ? null : state.State.ApplicantKey);

    public Task<string?> IdentityNumber() => Task.FromResult(state.State.Application is null ? null : state.State.IdentityNumber);

    public Task<CaseResult> Accept(AcceptApplication command) =>
        Execute(command.RequestId, command.Actor, nameof(Accept), AppliedRequests.Fingerprint(command), (a, now) =>
            a.Accept(now, state.State.Facts, calendar.Current, _options.Policy));

    public Task<CaseResult> RefuseAcceptance(RefuseAcceptance command) =>
        Execute(command.RequestId, command.Actor, nameof(RefuseAcceptance), AppliedRequests.Fingerprint(command), (a, now) =>
            a.RefuseAcceptance(command.Reasons, command.LegalBasis, now));

    public Task<CaseResult> RequestSupplement(RequestSupplement command) =>
        Execute(command.RequestId, command.Actor, nameof(RequestSupplement), AppliedRequests.Fingerprint(command), (a, now) =>
            a.RequestSupplement(command.Items, now, calendar.Current, _options.Policy));

    public Task<CaseResult> RecordDispatch(RecordDispatch command) =>
        Execute(command.RequestId, command.Actor, nameof(RecordDispatch), AppliedRequests.Fingerprint(command), (a, now) =>
            a.RecordDispatch(command.Matters, command.Carrier, command.Waybill, now));

    public Task<CaseResult> RecordPickUp(RecordPickUp command) =>
        Execute(command.RequestId, command.Actor, nameof(RecordPickUp), AppliedRequests.Fingerprint(command), (a, now) =>
            a.RecordPickUp(command.Matters, command.CollectedBy, command.IdentityChecked, now));

    public Task<CaseResult> ConfirmDelivery(ConfirmDelivery command) =>
        Execute(command.RequestId, command.Actor, nameof(ConfirmDelivery), AppliedRequests.Fingerprint(command), (a, now) => a.ConfirmDelivery(command.Waybill, now));

    public Task<CaseResult> Rate(RateService command) =>
        Execute(command.RequestId, command.Actor, nameof(Rate), AppliedRequests.Fingerprint(command), (a, now) =>
            a.Rate(command.Level, command.Tags, command.Comment, now, calendar.Current, _options.Policy));

    public Task<CaseResult> RespondToRating(RespondToRating command) =>
        Execute(command.RequestId, command.Actor, nameof(RespondToRating), AppliedRequests.Fingerprint(command), (a, now) => a.RespondToRating(command.Response, now));

    public Task<CaseResult> Claim(ClaimMatter command) =>
        Execute(command.RequestId, command.Actor, nameof(Claim), AppliedRequests.Fingerprint(command), (a, now) => a.Claim(command.Matter, command.Department, command.Handler, now));

    public Task<CaseResult> Complete(CompleteMatter command) =>
        Execute(command.RequestId, command.Actor, nameof(Complete), AppliedRequests.Fingerprint(command), (a, now) => a.Complete(command.Matter, command.Department, command.Result, now));

    public Task<CaseResult> ReturnForSupplement(ReturnMatterForSupplement command) =>
        Execute(command.RequestId, command.Actor, nameof(ReturnForSupplement), AppliedRequests.Fingerprint(command), (a, now) =>
            a.ReturnForSupplement(command.Matter, command.Department, command.Items, now));

    public Task<CaseResult> Reject(RejectMatter command) =>
        Execute(command.RequestId, command.Actor, nameof(Reject), AppliedRequests.Fingerprint(command), (a, now) => a.Reject(command.Matter, command.Department, command.Reason, now));

    public Task<CaseResult> Withdraw(WithdrawApplication command) =>
        Execute(command.RequestId, command.Actor, nameof(Withdraw), AppliedRequests.Fingerprint(command), (a, now) => a.Withdraw(command.Reason, now));

    public Task<CaseResult> Supplement(SupplementMaterials command) =>
        Execute(command.RequestId, command.Actor, nameof(Supplement), AppliedRequests.Fingerprint(command), (a, now) =>
        {
            var supplemented = a.Supplement(command.Materials, now, calendar.Current, _options.Policy);
            if (!supplemented.TryGetValue(out var change)
                || a.Status != ApplicationStatus.SupplementRequired
                || _options.Acceptance.ModeOf(a.CountyCode) != AcceptanceMode.Auto)
            {
                return supplemented;
            }

            // A county that does not review by hand accepts a complete answer in the same step, as at intake.
            var accepted = change.Application.Accept(now, state.State.Facts, calendar.Current, _options.Policy);
            return accepted.TryGetValue(out var acceptance)
                ? new Change(acceptance.Application, change.Events.AddRange(acceptance.Events))
                : supplemented;
        });

    public async Task CheckDeadlines()
    {
        if (state.State.Application is not { } application)
        {
            return;
        }

        var change = application.OnTimer(clock.GetUtcNow(), state.State.Facts, calendar.Current, _options.Policy);
        if (!change.Events.IsEmpty || state.State.DueAt != application.NextTimerAt)
        {
            // Nothing due, but the row's deadline is not this application's (a row migrated as due at once): the write
            // stores the real one.
            await Persist(state.State, change, Actor.System, requestId: null, nameof(CheckDeadlines));
        }
    }

    private async Task<CaseResult> Execute(string requestId, Actor? actor, string commandName, string fingerprint, Func<Application, DateTimeOffset, Result<Change>> transition)
    {
        if (string.IsNullOrWhiteSpace(requestId))
        {
            return CaseResult.Refused(Refusals.Required("requestId", "请求编号", "request id"));
        }

        if (state.State.Application is not { } application)
        {
            return CaseResult.Refused(Refusals.ApplicationNotFound(Number));
        }

        if (state.State.Requests.Find(requestId) is { } applied)
        {
            return applied.IsRetryOf(commandName, fingerprint)
                ? CaseResult.Ok(application, replayed: true)
                : CaseResult.Refused(Refusals.RequestIdReused(requestId));
        }

        var result = transition(application, clock.GetUtcNow());
        return result.TryGetValue(out var change)
            ? await Persist(state.State, change, actor ?? Actor.System, requestId, commandName, fingerprint)
            : CaseResult.Refused(result.Refusals);
    }

    /// <summary>
    /// One durable write per command: the new state, its events (each naming who acted), the messages they call for and
    /// its next deadline (inserted into case_events and the notification outbox and stored in the state row's due_at by
    /// the same statement) and the request id.
    /// </summary>
    private async Task<CaseResult> Persist(ApplicationGrainState basis, Change change, Actor actor, string? requestId, string commandName, string? fingerprint = null)
    {
        change = change with { Events = [.. change.Events.Select(e => e.Actor is null ? e with { Actor = actor } : e)] };
        if (change.Events.OfType<ApplicationClosed>().FirstOrDefault() is { } closed)
        {
            // Every closure invites a rating (好差评), in the same write.
            var invited = change.Application.InviteRating(closed.At, calendar.Current, _options.Policy);
            change = new Change(invited.Application, change.Events.AddRange(invited.Events.Select(e => e with { Actor = Actor.System })));
        }

        var previous = state.State;
        state.State = basis with
        {
            Application = change.Application,
            DueAt = change.Application.NextTimerAt,
            Outbox = change.Events,
            Messages = [.. change.Events.Select(e => _options.Templates.For(e, Number)).OfType<Notification>()],
            Requests = requestId is null
                ? basis.Requests
                : basis.Requests.Remember(new AppliedRequest(requestId, commandName, change.Application.Version, Fingerprint: fingerprint), _options.RememberedRequests),
        };

        await state.WriteOrRestoreAsync(previous, DeactivateOnIdle, logger, $"application {Number} ({commandName})");

        state.State = state.State with { Outbox = [], Messages = [] };
        metrics.Changed(change.Application, change.Events);
        await Notify(change);
        return CaseResult.Ok(change.Application);
    }

    /// <summary>
    /// Tells in-cluster consumers that the log has news. The change is durable already; a notice that cannot be sent
    /// only delays consumers until they next read the log, so it never fails the command.
    /// </summary>
    private async Task Notify(Change change)
    {
        try
        {
            await CaseEventPublisher.PublishAsync(this.GetStreamProvider(StreamNames.Provider), Number, change.Application.CountyCode, change.Events);
        }
        catch (Exception e)
        {
            LogNotifyFailed(logger, e, Number.Value);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish the notices of application {Number}; consumers will read the log later")]
    private static partial void LogNotifyFailed(ILogger logger, Exception exception, string number);
}
