using LingHuo.Grains.Abstractions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LingHuo.Gateway;

/// <summary>Healthy when a grain with durable state answers: the cluster accepts calls and storage is readable.</summary>
public sealed class ClusterHealthCheck(IGrainFactory grains) : IHealthCheck
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await grains.GetGrain<ICalendarGrain>(0).Get().WaitAsync(Timeout, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The cluster or its storage does not answer.", e);
        }
    }
}
