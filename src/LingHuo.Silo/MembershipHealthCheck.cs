using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LingHuo.Silo;

/// <summary>Ready while this silo is an active member of its cluster (not joining, shutting down or declared dead).</summary>
public sealed class MembershipHealthCheck(IClusterMembershipService membership, ILocalSiloDetails silo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"This silo is {status} in the cluster."));
    }
}
