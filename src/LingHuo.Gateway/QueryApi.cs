using Grpc.Core;
using LingHuo.Grains;
using Microsoft.Extensions.DependencyInjection;
using P = LingHuo.Protos.V1;

namespace LingHuo.Gateway;

public sealed class QueryApi(IGrainFactory grains, [FromKeyedServices(ServiceKeys.BusinessClock)] TimeProvider clock) : P.QueryService.QueryServiceBase
{
    public override async Task<P.GetApplicationByNumberResponse> GetApplicationByNumber(P.GetApplicationByNumberRequest request, ServerCallContext context)
    {
        Calls.RequireNumber(request.Number);
        var application = Calls.Unwrap(await grains.GetGrain<IApplicationGrain>(request.Number).Get());
        return new P.GetApplicationByNumberResponse { Application = Mapping.ToProto(application, clock.GetUtcNow()) };
    }
}
