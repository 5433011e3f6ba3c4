using LingHuo.Domain.Identity;
using Grpc.Core;
using LingHuo.Domain;
using LingHuo.Domain.Calendar;
using LingHuo.Gateway.Security;
using LingHuo.Grains;
using LingHuo.Protos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using P = LingHuo.Protos.V1;

namespace LingHuo.Gateway;

public sealed class ApplicationApi(
    IGrainFactory grains,
    ApplicantKeys keys,
    CalendarHolder calendar,
    IOptions<CaseOptions> options,
    [FromKeyedServices(ServiceKeys.BusinessClock)] TimeProvider clock,
    CaseMetrics metrics,
    IServiceProvider services)
    : P.ApplicationService.ApplicationServiceBase
{
    private CasePolicy Policy => options.Value.Policy;

    public override Task<P.PrecheckApplicationResponse> PrecheckApplication(P.PrecheckApplicationRequest request, ServerCallContext context)
    {
        var caller = Access.Require(context, CallerRole.Applicant, CallerRole.Clerk);
        var now = clock.GetUtcNow();
        var (domainRequest, mappingRefusals) = Mapping.ToDomain(request.Details);
        var result = Precheck.Evaluate(domainRequest, BeijingTime.DateOf(now), Policy);
        ActingFor(caller, result.Identity, domainRequest.CountyCode);
        var response = new P.PrecheckApplicationResponse
        {
            Verdict = mappingRefusals.IsEmpty ? (P.PrecheckVerdict)(int)result.Verdict : P.PrecheckVerdict.NotAccepted,
            Committed = Mapping.ToProto(calendar.Current.DeadlineAfter(now, Policy.CommittedWorkingDays)),
            Statutory = Mapping.ToProto(calendar.Current.DeadlineAfter(now, Policy.StatutoryWorkingDays)),
        };
        response.Refusals.AddRange(mappingRefusals.Concat(result.Refusals).Select(r => Mapping.ToProto(r)));
        if (result.Materials is { } materials)
        {
            response.RequiredMaterials.AddRange(materials.Required.Select(m => (P.Material)(int)m));
            response.MissingMaterials.AddRange(materials.Missing.Select(m => (P.Material)(int)m));
        }

        if (result.Premium is { } premium)
        {
            response.Premium = Mapping.ToProto(premium);
        }

        return Task.FromResult(response);
    }

    public override async Task<P.SubmitApplicationResponse> SubmitApplication(P.SubmitApplicationRequest request, ServerCallContext context)
    {
        var caller = Access.Require(context, CallerRole.Applicant, CallerRole.Clerk);
        Calls.RequireRequestId(request.RequestId);
        var now = clock.GetUtcNow();
        var (domainRequest, mappingRefusals) = Mapping.ToDomain(request.Details);
        var precheck = Precheck.Evaluate(domainRequest, BeijingTime.DateOf(now), Policy);
        ActingFor(caller, precheck.Identity, domainRequest.CountyCode);

        // No acceptance with gaps (容缺): the public API files only applications that pass the pre-check.
        var refusals = mappingRefusals.AddRange(precheck.Refusals);
        if (!refusals.IsEmpty)
        {
            metrics.Refused(refusals);
            throw Errors.Refused(refusals, "details.");
        }

        var applicant = grains.GetGrain<IApplicantGrain>(keys.For(precheck.Identity!));
        var result = await applicant.Submit(new SubmitApplication(request.RequestId, domainRequest));
        return new P.SubmitApplicationResponse { Application = Mapping.ToProto(Calls.Unwrap(result, "details."), now), Replayed = result.Replayed };
    }

    public override async Task<P.GetApplicationResponse> GetApplication(P.GetApplicationRequest request, ServerCallContext context)
    {
        var caller = Access.Require(context, CallerRole.Applicant, CallerRole.Clerk);
        Calls.RequireNumber(request.Number);
        var grain = await Permitted(caller, request.Number);
        var application = Calls.Unwrap(await grain.Get());
        if (Access.HoldsProtectedResults(application))
        {
            await Access.Record(services, caller, application.Number, nameof(GetApplication), request.Purpose, context.CancellationToken);
        }

        return new P.GetApplicationResponse { Application = Mapping.ToProto(application, clock.GetUtcNow()) };
    }

    public override async Task<P.ListMyApplicationsResponse> ListMyApplications(P.ListMyApplicationsRequest request, ServerCallContext context)
    {
        var caller = Access.Require(context, CallerRole.Applicant, CallerRole.Clerk);

        // An applicant's token says who they are; a clerk names the person at the window, and sees their county's only.
        string applicantKey;
        if (caller.Role == CallerRole.Applicant && string.IsNullOrEmpty(request.IdentityNumber))
        {
            applicantKey = caller.ApplicantKey!;
        }
        else
        {
            applicantKey = keys.For(Calls.RequireIdentity(request.IdentityNumber, clock));
            Access.RequirePerson(caller, applicantKey);
        }

        var snapshot = await grains.GetGrain<IApplicantGrain>(applicantKey).Get();
        var numbers = snapshot.Applications.Where(n => caller.Role == CallerRole.Applicant || caller.Covers(n));
        var results = await Task.WhenAll(numbers.Select(n => grains.GetGrain<IApplicationGrain>(n).Get()));

        // A reserved number whose application was never written is not an application.
        var applications = results.Where(r => r.IsOk).Select(r => r.Application!).Reverse().ToList();
        foreach (var application in applications.Where(Access.HoldsProtectedResults))
        {
            await Access.Record(services, caller, application.Number, nameof(ListMyApplications), request.Purpose, context.CancellationToken);
        }

        var now = clock.GetUtcNow();
        var response = new P.ListMyApplicationsResponse();
        response.Applications.AddRange(applications.Select(a => Mapping.ToProto(a, now)));
        return response;
    }

    public override async Task<P.SupplementMaterialsResponse> SupplementMaterials(P.SupplementMaterialsRequest request, ServerCallContext context)
    {
        var caller = Access.Require(context, CallerRole.Applicant, CallerRole.Clerk);
        Calls.RequireRequestId(request.RequestId);
        Calls.RequireNumber(request.Number);
        var (mapped, refusals) = Mapping.ToDomain(new P.ApplicationDetails { Materials = { request.Materials } });
        if (!refusals.IsEmpty)
        {
            throw Errors.Refused(refusals);
        }

        var grain = await Permitted(caller, request.Number);
        var result = await grain.Supplement(new SupplementMaterials(request.RequestId, [.. mapped.Materials]));
        return new P.SupplementMaterialsResponse { Application = Mapping.ToProto(Calls.Unwrap(result), clock.GetUtcNow()), Replayed = result.Replayed };
    }

    public override async Task<P.WithdrawApplicationResponse> WithdrawApplication(P.WithdrawApplicationRequest request, ServerCallContext context)
    {
        var caller = Access.Require(context, CallerRole.Applicant, CallerRole.Clerk);
        Calls.RequireRequestId(request.RequestId);
        Calls.RequireNumber(request.Number);
        var grain = await Permitted(caller, request.Number);
        var result = await grain.Withdraw(new WithdrawApplication(request.RequestId, request.Reason ?? ""));
        return new P.WithdrawApplicationResponse { Application = Mapping.ToProto(Calls.Unwrap(result), clock.GetUtcNow()), Replayed = result.Replayed };
    }

    public override async Task WatchApplication(P.WatchApplicationRequest request, IServerStreamWriter<P.WatchApplicationResponse> responseStream, ServerCallContext context)
    {
        var caller = Access.Require(context, CallerRole.Applicant, CallerRole.Clerk);
        Calls.RequireNumber(request.Number);
        // Events carry no matter results, so watching discloses nothing that needs the access audit.
        Calls.Unwrap(await (await Permitted(caller, request.Number)).Get());

        var reader = services.GetService<CaseEventReader>()
            ?? throw new RpcException(new Status(StatusCode.FailedPrecondition, "Watching needs PostgreSQL storage / 订阅变更需要 PostgreSQL 存储"));

        // The durable log is the source: first what the caller missed, then new events as the status stream says
        // they are written.
        await using var wakeup = await services.GetRequiredService<CaseNotices>().SubscribeAsync(StreamId.Create(StreamNames.Status, request.Number));
        await context.WriteResponseHeadersAsync([]);
        var after = Math.Max(0, request.AfterSequence);
        var cancellation = context.CancellationToken;
        while (!cancellation.IsCancellationRequested)
        {
            var events = await reader.ReadAsync(request.Number, after, 500, cancellation);
            foreach (var caseEvent in events)
            {
                await responseStream.WriteAsync(new P.WatchApplicationResponse { Event = caseEvent }, cancellation);
                after = caseEvent.Sequence;
                if (caseEvent.Type == nameof(Domain.Cases.ApplicationClosed))
                {
                    return;
                }
            }

            if (events.Count == 0)
            {
                await wakeup.WaitAsync(cancellation);
            }
        }
    }

    /// <summary>The application's grain, once the caller may act on it: a clerk at its county, or its own applicant.</summary>
    private async Task<IApplicationGrain> Permitted(Caller caller, string number)
    {
        Access.RequireArea(caller, number);
        var grain = grains.GetGrain<IApplicationGrain>(number);
        await Access.RequireOwner(caller, grain);
        return grain;
    }

    /// <summary>An applicant files for themselves only, a clerk for their county only (what cannot be read is validation's).</summary>
    private void ActingFor(Caller caller, IdentityNumber? identity, string? county)
    {
        if (identity is not null)
        {
            Access.RequirePerson(caller, keys.For(identity));
        }

        Access.RequireCounty(caller, county);
    }
}
