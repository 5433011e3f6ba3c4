using LingHuo.Grains;
using LingHuo.ServiceDefaults;
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
        // grpc.health.v1 for the whole server ("") says what /health/ready says; the host registers the checks.
        services.AddGrpcHealthChecks(o => o.Services.Map("", r => r.Tags.Contains(Health.Ready)));
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
