using LingHuo.Grains;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LingHuo.Gateway;

public static class GatewayHosting
{
    /// <summary>The largest request accepted: a full application with an ID photo at its limit fits well within it.</summary>
    public const int MaxRequestBytes = 4 * 1024 * 1024;

    /// <summary>
    /// The gRPC services, their error model, health and reflection. Needs an <see cref="IGrainFactory"/>; watching
    /// applications also needs a <see cref="CaseEventReader"/> (PostgreSQL storage).
    /// </summary>
    public static IServiceCollection AddLingHuoGateway(this IServiceCollection services)
    {
        services.AddGrpc(o =>
        {
            o.Interceptors.Add<ExceptionInterceptor>();
            o.MaxReceiveMessageSize = MaxRequestBytes;
            o.EnableDetailedErrors = false;
        });
        services.AddGrpcReflection();
        services.AddSingleton<CaseNotices>();
        // grpc.health.v1 for the whole server ("") reflects whether the cluster and its storage answer.
        services.AddGrpcHealthChecks(o => o.Services.Map("", _ => true)).AddCheck<ClusterHealthCheck>("cluster");
        return services;
    }

    public static IEndpointRouteBuilder MapLingHuoGateway(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<ApplicationApi>();
        endpoints.MapGrpcService<DepartmentApi>();
        endpoints.MapGrpcService<QueryApi>();
        endpoints.MapGrpcService<CalendarApi>();
        endpoints.MapGrpcHealthChecksService();
        endpoints.MapGrpcReflectionService();
        return endpoints;
    }
}
