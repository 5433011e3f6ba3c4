using System.Collections.Immutable;
using System.Globalization;
using LingHuo.Domain;
using LingHuo.Domain.Calendar;
using LingHuo.Domain.Eligibility;
using LingHuo.Domain.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LingHuo.Grains;

public sealed record ApplicantGrainState
{
    /// <summary>Facts recorded by departments; the applicant's own declarations come with each application.</summary>
    public ApplicantFacts Facts { get; init; } = ApplicantFacts.None;

    public ImmutableArray<string> Applications { get; init; } = [];

    /// <summary>
    /// The application most recently opened. Whether it is still open is asked of that application when it matters,
    /// so closing an application needs no write here.
    /// </summary>
    public string? LastOpened { get; init; }

    public ImmutableArray<AppliedRequest> Requests { get; init; } = [];
}

public sealed class ApplicantGrain(
    [PersistentState(StorageNames.ApplicantState, StorageNames.Cases)] IPersistentState<ApplicantGrainState> state,
    [FromKeyedServices(ServiceKeys.BusinessClock)] TimeProvider clock,
    ApplicantKeys keys,
    IOptions<CaseOptions> options,
    ILogger<ApplicantGrain> logger)
    : Grain, IApplicantGrain
{
    private readonly CaseOptions _options = options.Value;

    public async Task<CaseResult> Submit(SubmitApplication command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (string.IsNullOrWhiteSpace(command.RequestId))
        {
            return CaseResult.Refused(Refusals.Required("requestId", "请求编号", "request id"));
        }

        var facts = (command.Request.Facts ?? ApplicantFacts.None).Merge(state.State.Facts);

        // A retry: the number was reserved durably before the application was opened; opening it again is idempotent.
        var fingerprint = AppliedRequests.Fingerprint(command);
        if (state.State.Requests.Find(command.RequestId) is { } applied)
        {
            return applied.IsRetryOf(nameof(Submit), fingerprint)
                ? await Application(applied.Created!).Open(new OpenApplication(command.RequestId, this.GetPrimaryKeyString(), command.Request, facts))
                : CaseResult.Refused(Refusals.RequestIdReused(command.RequestId));
        }

        var now = clock.GetUtcNow();
        var today = BeijingTime.DateOf(now);
        var precheck = Precheck.Evaluate(command.Request with { Facts = facts }, today, _options.Policy);
        if (precheck.Verdict == PrecheckVerdict.NotAccepted)
        {
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

        var county = command.Request.CountyCode!;
        var day = today.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var sequence = await GrainFactory.GetGrain<INumberingGrain>($"{county}-{day}").Next();
        var opened = $"{county}-{day}-{sequence.ToString("000000", CultureInfo.InvariantCulture)}";

        var previous = state.State;
        state.State = previous with
        {
            Applications = previous.Applications.Add(opened),
            LastOpened = opened,
            Requests = previous.Requests.Remember(new AppliedRequest(command.RequestId, nameof(Submit), 0, opened, fingerprint), _options.RememberedRequests),
        };
        await WriteOrRollBack(previous);

        return await Application(opened).Open(new OpenApplication(command.RequestId, this.GetPrimaryKeyString(), command.Request, facts));
    }

    public async Task RecordFacts(RecordApplicantFacts command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var merged = state.State.Facts.Merge(command.Facts);
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

    private IApplicationGrain Application(string number) => GrainFactory.GetGrain<IApplicationGrain>(number);

    /// <summary>
    /// An application counts as open unless it closed, or was never opened at all (a reservation whose caller gave up
    /// before the application was written).
    /// </summary>
    private async Task<bool> IsOpen(string number)
    {
        var result = await Application(number).Get();
        return result.Application is { IsClosed: false };
    }

    private Task WriteOrRollBack(ApplicantGrainState previous) => state.WriteOrRestoreAsync(previous, DeactivateOnIdle, logger, "the applicant");
}
