using Microsoft.Extensions.Configuration;

namespace LingHuo.Silo;

/// <summary>Everything the composition decides by, read once from configuration.</summary>
public sealed record HostSettings(HostRole Role, StorageSettings Storage, ClusterSettings Cluster, GatewaySettings Gateway, ManagementSettings Management)
{
    public static HostSettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new HostSettings(
            configuration.GetValue(SettingsSections.Role, HostRole.Silo),
            configuration.GetSection(SettingsSections.Storage).Get<StorageSettings>() ?? new StorageSettings(),
            configuration.GetSection(SettingsSections.Cluster).Get<ClusterSettings>() ?? new ClusterSettings(),
            configuration.GetSection(SettingsSections.Gateway).Get<GatewaySettings>() ?? new GatewaySettings(),
            configuration.GetSection(SettingsSections.Management).Get<ManagementSettings>() ?? new ManagementSettings());
    }
}
