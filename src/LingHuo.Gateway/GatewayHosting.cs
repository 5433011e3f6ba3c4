using LingHuo.Gateway.Security;
using LingHuo.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
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

    /// <summary>
    /// The largest JSON body accepted on the web port: the same request with its files in base64 (4 bytes for every 3).
    /// </summary>
    public const int MaxJsonRequestBytes = (UploadCheck.MaxTotalBytes / 3 * 4) + (2 * 1024 * 1024);

    /// <summary>The largest answer sent: a page of search results or of a feed stays far below it.</summary>
    public const int MaxResponseBytes = 16 * 1024 * 1024;

    /// <summary>
    /// The gRPC services (also as JSON and gRPC-Web, for pages of <paramref name="corsOrigins"/> too), their error model,
    /// health and reflection. Needs an <see cref="IGrainFactory"/>, the case
    /// services and the read side (the event log, search and access audit, in PostgreSQL or explicitly unavailable).
    /// </summary>
    public static IServiceCollection AddLingHuoGateway(this IServiceCollection services, IConfiguration configuration, IReadOnlyList<string> corsOrigins)
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
        }).AddJsonTranscoding(o => o.TypeRegistry = ErrorDetails);
        services.AddGrpcReflection();
        services.AddGrpcSwagger();
        services.AddSwaggerGen(o => o.SwaggerDoc("v1", new Microsoft.OpenApi.Models.OpenApiInfo
        {
            Title = "LingHuo.Orleans 灵活就业参保“一件事”",
            Version = "v1",
            Description = "The gRPC contract of protos/linghuo/v1 as JSON over HTTP. Send `Authorization: Bearer <token>`; errors are google.rpc.Status with its details.",
        }));
        services.AddCors(o => o.AddDefaultPolicy(policy => policy
            .WithOrigins([.. corsOrigins])
            .AllowAnyMethod()
            .WithHeaders("authorization", "content-type", "x-grpc-web", "x-user-agent", "grpc-timeout", "traceparent")
            .WithExposedHeaders("grpc-status", "grpc-message", "grpc-status-details-bin")));
        services.AddSingleton<CaseNotices>();
        services.AddSingleton<Access>();
        services.AddSingleton<Disclosures>();
        services.AddSingleton<Uploads>();
        // grpc.health.v1 for the whole server ("") says what /health/ready says; the host registers the checks.
        services.AddGrpcHealthChecks(o => o.Services.Map("", r => r.Tags.Contains(Health.Ready)));
        return services;
    }

    /// <summary>The error details the services send, so that JSON answers spell them out (google.rpc.Status.details).</summary>
    public static readonly Google.Protobuf.Reflection.TypeRegistry ErrorDetails = Google.Protobuf.Reflection.TypeRegistry.FromMessages(
        Google.Rpc.BadRequest.Descriptor, Google.Rpc.ErrorInfo.Descriptor, Google.Rpc.LocalizedMessage.Descriptor, Google.Rpc.PreconditionFailure.Descriptor,
        Google.Rpc.RetryInfo.Descriptor);

    /// <summary>
    /// What browsers need in front of the services: CORS for the trusted portal origins, gRPC-Web for every service, and
    /// the OpenAPI document (<c>/openapi/v1.json</c>) with a page to browse it (<c>/openapi</c>).
    /// </summary>
    public static IApplicationBuilder UseLingHuoWeb(this IApplicationBuilder app)
    {
        app.Use(LimitJsonBodies);
        // A browser's preflight carries no token: CORS answers it before authentication is asked.
        app.UseRouting();
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseGrpcWeb(new GrpcWebOptions { DefaultEnabled = true });
        app.UseSwagger(o => o.RouteTemplate = "openapi/{documentName}.json");
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "openapi";
            o.SwaggerEndpoint("/openapi/v1.json", "LingHuo.Orleans v1");
            o.DocumentTitle = "LingHuo.Orleans API";
        });
        return app;
    }

    // JSON carries files in base64, so its bodies may be larger than gRPC's; one larger than that is refused as a 400
    // with the limit before it is read (a client that sent "Expect: 100-continue", as curl does, never uploads it).
    private static Task LimitJsonBodies(HttpContext context, RequestDelegate next)
    {
        if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true)
        {
            return next(context);
        }

        if (context.Request.ContentLength > MaxJsonRequestBytes)
        {
            return Errors.WriteJsonAsync(context.Response, StatusCodes.Status400BadRequest, Errors.BodyTooLarge(MaxJsonRequestBytes));
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxJsonRequestBytes;
        }

        return next(context);
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
