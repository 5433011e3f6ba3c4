using Grpc.Core;
using LingHuo.Domain.Cases;
using LingHuo.Grains;
using Microsoft.Extensions.DependencyInjection;
using P = LingHuo.Protos.V1;

namespace LingHuo.Gateway;

public sealed class DepartmentApi(
    IGrainFactory grains,
    ApplicantKeys keys,
    [FromKeyedServices(ServiceKeys.BusinessClock)] TimeProvider clock)
    : P.DepartmentService.DepartmentServiceBase
{
    public override Task SubscribeWorkItems(P.SubscribeWorkItemsRequest request, IServerStreamWriter<P.SubscribeWorkItemsResponse> responseStream, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, "The department work feed is not available yet / 部门工作订阅尚未开放"));

    public override async Task<P.ClaimMatterResponse> ClaimMatter(P.ClaimMatterRequest request, ServerCallContext context)
    {
        var grain = Target(request.RequestId, request.Number);
        var result = await grain.Claim(new ClaimMatter(request.RequestId, (Domain.Matter)(int)request.Matter, (Domain.Department)(int)request.Department, request.Handler));
        return new P.ClaimMatterResponse { Application = Mapping.ToProto(Calls.Unwrap(result), clock.GetUtcNow()), Replayed = result.Replayed };
    }

    public override async Task<P.CompleteMatterResponse> CompleteMatter(P.CompleteMatterRequest request, ServerCallContext context)
    {
        var grain = Target(request.RequestId, request.Number);
        var matterResult = new MatterResult(
            NullIfEmpty(request.Result?.Number), [.. request.Result?.Documents ?? []], NullIfEmpty(request.Result?.Note));
        var result = await grain.Complete(new CompleteMatter(request.RequestId, (Domain.Matter)(int)request.Matter, (Domain.Department)(int)request.Department, matterResult));
        return new P.CompleteMatterResponse { Application = Mapping.ToProto(Calls.Unwrap(result), clock.GetUtcNow()), Replayed = result.Replayed };
    }

    public override async Task<P.RejectMatterResponse> RejectMatter(P.RejectMatterRequest request, ServerCallContext context)
    {
        var grain = Target(request.RequestId, request.Number);
        var result = await grain.Reject(new RejectMatter(request.RequestId, (Domain.Matter)(int)request.Matter, (Domain.Department)(int)request.Department, request.Reason));
        return new P.RejectMatterResponse { Application = Mapping.ToProto(Calls.Unwrap(result), clock.GetUtcNow()), Replayed = result.Replayed };
    }

    public override async Task<P.RecordApplicantFactsResponse> RecordApplicantFacts(P.RecordApplicantFactsRequest request, ServerCallContext context)
    {
        Calls.RequireRequestId(request.RequestId);
        var identity = Calls.RequireIdentity(request.IdentityNumber, clock);
        await grains.GetGrain<IApplicantGrain>(keys.For(identity)).RecordFacts(new RecordApplicantFacts(request.RequestId, Mapping.ToDomain(request.Facts)));
        return new P.RecordApplicantFactsResponse();
    }

    private IApplicationGrain Target(string requestId, string number)
    {
        Calls.RequireRequestId(requestId);
        Calls.RequireNumber(number);
        return grains.GetGrain<IApplicationGrain>(number);
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
