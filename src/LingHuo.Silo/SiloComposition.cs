using System.Globalization;
using LingHuo.Gateway;
using LingHuo.Runtime;
using LingHuo.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Dashboard;

namespace LingHuo.Silo;

/// <summary>
/// The host as configuration describes it: by default a silo (cluster identity and ports, storage, the case grains)
/// co-hosting the gRPC gateway; with <c>LingHuo:Role=Gateway</c>, the gateway alone as a client of the cluster. Each
/// concern composes itself: listeners, telemetry, storage, health, cluster.
/// </summary>
public static class SiloComposition
{
    public static WebApplicationBuilder AddLingHuoSilo(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var host = HostSettings.Read(builder.Configuration);
        builder.AddLingHuoListeners(host);
        builder.AddLingHuoTelemetry(host.Role == HostRole.Silo ? "linghuo-silo" : "linghuo-gateway", CaseMetrics.MeterName);

        // Before the silo: the providers read their queries from the database when they start.
        builder.Services.AddLingHuoStorage(host, builder.Configuration);
        builder.Services.AddLingHuoHealthChecks(host);
        if (host.Role == HostRole.Gateway)
        {
            builder.AddLingHuoClusterClient(host);
        }
        else
        {
            builder.AddLingHuoClusterSilo(host);
        }

        builder.Services.AddSingleton(host);
        builder.Services.AddHostedService<ReadyAnnouncer>();
        return builder;
    }

    /// <summary>The gRPC endpoints, when this host serves them; health, metrics and the dashboard on the management port.</summary>
    public static WebApplication MapLingHuoEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var host = HostSettings.Read(app.Configuration);
        if (host.Management.Port > 0)
        {
            // The management port answers its own paths only: the services' JSON routes are not served there.
            var management = host.Management.Port;
            app.Use(async (context, next) =>
            {
                var path = context.Request.Path;
                if (context.Connection.LocalPort != management)
                {
                    await next(context);
                }
                else if (path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics"))
                {
                    await next(context);
                }
                else if (host.Management.Dashboard && path.StartsWithSegments("/dashboard"))
                {
                    if (await DashboardGate.AdmitAsync(context))
                    {
                        await next(context);
                    }
                }
                else
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                }
            });
        }

        if (host.Gateway.Enabled)
        {
            app.UseLingHuoWeb();
            app.MapLingHuoGateway();
        }

        if (host.Management.Port > 0)
        {
            var port = $"*:{host.Management.Port.ToString(CultureInfo.InvariantCulture)}";
            app.MapLingHuoHealth(port);
            app.MapLingHuoMetrics().RequireHost(port);
            if (host.Management.Dashboard)
            {
                app.MapOrleansDashboard("/dashboard").RequireHost(port);
            }
        }

        return app;
    }
}
