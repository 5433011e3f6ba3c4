using Grpc.Core;
using LingHuo.Domain;
using LingHuo.Domain.Calendar;
using LingHuo.Grains;
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
        var now = clock.GetUtcNow();
        var (domainRequest, mappingRefusals) = Mapping.ToDomain(request.Details);
        var result = Precheck.Evaluate(domainRequest, BeijingTime.DateOf(now), Policy);
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
        Calls.RequireRequestId(request.RequestId);
        var now = clock.GetUtcNow();
        var (domainRequest, mappingRefusals) = Mapping.ToDomain(request.Details);
        var precheck = Precheck.Evaluate(domainRequest, BeijingTime.DateOf(now), Policy);

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
        Calls.RequireNumber(request.Number);
        var application = Calls.Unwrap(await grains.GetGrain<IApplicationGrain>(request.Number).Get());
        return new P.GetApplicationResponse { Application = Mapping.ToProto(application, clock.GetUtcNow()) };
    }

    public override async Task<P.ListMyApplicationsResponse> ListMyApplications(P.ListMyApplicationsRequest request, ServerCallContext context)
    {
        var identity = Calls.RequireIdentity(request.IdentityNumber, clock);
        var snapshot = await grains.GetGrain<IApplicantGrain>(keys.For(identity)).Get();
        var results = await Task.WhenAll(snapshot.Applications.Select(n => grains.GetGrain<IApplicationGrain>(n).Get()));
        var now = clock.GetUtcNow();
        var response = new P.ListMyApplicationsResponse();

        // A reserved number whose application was never written is not an application.
        response.Applications.AddRange(results.Where(r => r.IsOk).Select(r => Mapping.ToProto(r.Application!, now)).Reverse());
        return response;
    }

    public override async Task<P.SupplementMaterialsResponse> SupplementMaterials(P.SupplementMaterialsRequest request, ServerCallContext context)
    {
        Calls.RequireRequestId(request.RequestId);
        Calls.RequireNumber(request.Number);
        var (mapped, refusals) = Mapping.ToDomain(new P.ApplicationDetails { Materials = { request.Materials } });
        if (!refusals.IsEmpty)
        {
            throw Errors.Refused(refusals);
        }

        var result = await grains.GetGrain<IApplicationGrain>(request.Number).Supplement(new SupplementMaterials(request.RequestId, [.. mapped.Materials]));
        return new P.SupplementMaterialsResponse { Application = Mapping.ToProto(Calls.Unwrap(result), clock.GetUtcNow()), Replayed = result.Replayed };
    }

    public override async Task<P.WithdrawApplicationResponse> WithdrawApplication(P.WithdrawApplicationRequest request, ServerCallContext context)
    {
        Calls.RequireRequestId(request.RequestId);
        Calls.RequireNumber(request.Number);
        var result = await grains.GetGrain<IApplicationGrain>(request.Number).Withdraw(new WithdrawApplication(request.RequestId, request.Reason ?? ""));
        return new P.WithdrawApplicationResponse { Application = Mapping.ToProto(Calls.Unwrap(result), clock.GetUtcNow()), Replayed = result.Replayed };
    }

    public override async Task WatchApplication(P.WatchApplicationRequest request, IServerStreamWriter<P.WatchApplicationResponse> responseStream, ServerCallContext context)
    {
        Calls.RequireNumber(request.Number);
        Calls.Unwrap(await grains.GetGrain<IApplicationGrain>(request.Number).Get());
        var reader = services.GetService<CaseEventReader>()
            ?? throw new RpcException(new Status(StatusCode.FailedPrecondition, "Watching needs PostgreSQL storage / 订阅变更需要 PostgreSQL 存储"));

        // The durable log is the source: first what the caller missed, then new events as the status stream says
        // they are written.
        await using var wakeup = await services.GetRequiredService<CaseNotices>().SubscribeAsync(StreamId.Create(StreamNames.Status, request.Number));
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
}
