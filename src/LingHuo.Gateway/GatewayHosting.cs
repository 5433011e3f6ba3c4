using LingHuo.Gateway.Security;
using LingHuo.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LingHuo.Gateway;

public static class GatewayHosting
{
    /// <summary>
    /// The largest request accepted: an application with its uploads at their combined limit
    /// (<see cref="UploadCheck.MaxTotalBytes"/>) and its form fields.
    /// </summary>
    public const int MaxRequestBytes = UploadCheck.MaxTotalBytes + (1024 * 1024);

    /// <summary>The largest answer sent: a page of search results or of a feed stays far below it.</summary>
    public const int MaxResponseBytes = 16 * 1024 * 1024;

    /// <summary>
    /// The gRPC services, their error model, health and reflection. Needs an <see cref="IGrainFactory"/>, the case
    /// services and the read side (the event log, search and access audit, in PostgreSQL or explicitly unavailable).
    /// </summary>
    public static IServiceCollection AddLingHuoGateway(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddLingHuoAuthentication(configuration);
        services.AddOptions<LimitSettings>().Bind(configuration.GetSection(LimitSettings.Section))
            .Validate(o => o.StreamsPerCaller > 0 && o.PublicCallsPerSecond > 0 && o.CallsPerSecond.Values.All(v => v > 0), $"{LimitSettings.Section} is not valid.")
            .ValidateOnStart();
        services.AddSingleton<CallLimits>();
        services.AddGrpc(o =>
        {
            o.Interceptors.Add<ExceptionInterceptor>();
            o.Interceptors.Add<CallLimits>();
            o.MaxReceiveMessageSize = MaxRequestBytes;
            o.MaxSendMessageSize = MaxResponseBytes;
            o.EnableDetailedErrors = false;
        });
        services.AddGrpcReflection();
        services.AddSingleton<CaseNotices>();
        services.AddSingleton<Access>();
        services.AddSingleton<Disclosures>();
        services.AddSingleton<Uploads>();
        // grpc.health.v1 for the whole server ("") says what /health/ready says; the host registers the checks.
        services.AddGrpcHealthChecks(o => o.Services.Map("", r => r.Tags.Contains(Health.Ready)));
        return services;
    }

    public static IEndpointRouteBuilder MapLingHuoGateway(this IEndpointRouteBuilder endpoints)
    {
        // Every service needs a caller's token but the public progress lookup (limited per client address); health and
        // reflection stay open for generic tools and probes.
        endpoints.MapGrpcService<ApplicationApi>().RequireAuthorization();
        endpoints.MapGrpcService<DepartmentApi>().RequireAuthorization();
        endpoints.MapGrpcService<QueryApi>().RequireAuthorization();
        endpoints.MapGrpcService<CalendarApi>().RequireAuthorization();
        endpoints.MapGrpcService<PublicApi>();
        endpoints.MapGrpcHealthChecksService();
        endpoints.MapGrpcReflectionService();
        return endpoints;
    }
}
