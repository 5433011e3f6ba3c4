using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LingHuo.ServiceDefaults;

public static class Health
{
    /// <summary>Checks that decide readiness to take traffic (and the gRPC health status).</summary>
    public const string Ready = "ready";

    public static bool IsReadiness(HealthCheckRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        return registration.Tags.Contains(Ready);
    }

    /// <summary>
    /// <c>/health/live</c>: the process answers (no checks: restarting a silo because its database is down would not
    /// help); <c>/health/ready</c>: every readiness check passes.
    /// </summary>
    public static WebApplication MapLingHuoHealth(this WebApplication app, params string[] hosts)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).RequireHost(hosts);
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = IsReadiness }).RequireHost(hosts);
        return app;
    }
}
