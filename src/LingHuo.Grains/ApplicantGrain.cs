using LingHuo.Domain;
using LingHuo.Domain.Calendar;
using LingHuo.Domain.Cases;
using LingHuo.Domain.Divisions;
using LingHuo.Domain.Eligibility;
using LingHuo.Domain.Identity;
using LingHuo.Domain.Intake;
using LingHuo.Grains.Abstractions;
using LingHuo.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LingHuo.Grains;

public sealed class ApplicantGrain(
    [PersistentState(StorageNames.ApplicantState, StorageNames.Cases)] IPersistentState<ApplicantGrainState> state,
    [FromKeyedServices(ServiceKeys.BusinessClock)] TimeProvider clock,
    ApplicantKeys keys,
    IOptions<CaseOptions> options,
    CaseMetrics metrics,
    ILogger<ApplicantGrain> logger)
    : Grain, IApplicantGrain
{
    private readonly CaseOptions _options = options.Value;

    /// <summary>
    /// The one pre-check of a submission happens here, where the recorded facts are known; the application grain is
    /// handed its result.
    /// </summary>
    public async Task<CaseResult> Submit(SubmitApplication command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (string.IsNullOrWhiteSpace(command.RequestId))
        {
            return CaseResult.Refused(Refusals.Required("requestId", "请求编号", "request id"));
        }

        var fingerprint = AppliedRequests.Fingerprint(command);
        var applied = state.State.Requests.Find(command.RequestId);
        if (applied is not null && !applied.IsRetryOf(nameof(Submit), fingerprint))
        {
            return CaseResult.Refused(Refusals.RequestIdReused(command.RequestId));
        }

        var facts = (command.Request.Facts ?? ApplicantFacts.None).Merge(state.State.Facts);
        var today = BeijingTime.DateOf(clock.GetUtcNow());
        var precheck = Precheck.Evaluate(command.Request with { Facts = facts }, today, _options.Policy);
        metrics.Prechecked(precheck.Verdict);
        var open = new OpenApplication(command.RequestId, this.GetPrimaryKeyString(), command.Request, facts, precheck, command.Actor);

        // A retry: the number was reserved durably before the application was opened; opening it again is idempotent.
        if (applied is not null)
        {
            return await GrainFactory.Application(applied.Created!.Value).Open(open);
        }

        if (precheck.Verdict == PrecheckVerdict.NotAccepted)
        {
            metrics.Refused(precheck.Refusals);
            return CaseResult.Refused(precheck.Refusals);
        }

        if (keys.For(precheck.Identity!) != this.GetPrimaryKeyString())
        {
            throw new ArgumentException("The identity number does not belong to this applicant.", nameof(command));
        }

        if (state.State.LastOpened is { } last && await IsOpen(last))
        {
            return CaseResult.Refused(Refusals.ApplicationAlreadyOpen(last));
        }

        var county = DivisionCode.Parse(command.Request.CountyCode!);
        var sequence = await GrainFactory.GetGrain<INumberingGrain>(ApplicationNumber.DayKey(county, today)).Next();
        var opened = ApplicationNumber.Create(county, today, sequence);

        var previous = state.State;
        state.State = previous with
        {
            Applications = previous.Applications.Add(opened),
            LastOpened = opened,
            Requests = previous.Requests.Remember(new AppliedRequest(command.RequestId, nameof(Submit), 0, opened, fingerprint), _options.RememberedRequests),
        };
        await WriteOrRollBack(previous);

        RequestContext.Set(StorageNames.KnownNew, opened.Value);
        try
        {
            return await GrainFactory.Application(opened).Open(open);
        }
        finally
        {
            RequestContext.Remove(StorageNames.KnownNew);
        }
    }

    public async Task RecordFacts(RecordApplicantFacts command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var merged = state.State.Facts.Merge(command.Facts).Without(command.Cleared);
        if (merged == state.State.Facts)
        {
            return;
        }

        var previous = state.State;
        state.State = previous with { Facts = merged };
        await WriteOrRollBack(previous);
    }

    public Task<ApplicantSnapshot> Get() =>
        Task.FromResult(new ApplicantSnapshot(state.State.Facts, state.State.Applications, state.State.LastOpened));

    /// <summary>
    /// An application counts as open unless it closed, or was never opened at all (a reservation whose caller gave up
    /// before the application was written).
    /// </summary>
    private async Task<bool> IsOpen(ApplicationNumber number)
    {
        var result = await GrainFactory.Application(number).Get();
        return result.Application is { IsClosed: false };
    }

    private Task WriteOrRollBack(ApplicantGrainState previous) => state.WriteOrRestoreAsync(previous, DeactivateOnIdle, logger, "the applicant");
}
