namespace LingHuo.Silo;

/// <summary>
/// Every configuration section the host reads, and the type bound from it: the one list that deployment files
/// (compose, Kubernetes, the image) are checked against.
/// </summary>
public static class SettingsSections
{
    public const string Storage = "LingHuo:Storage";
    public const string Cluster = "LingHuo:Cluster";
    public const string Membership = "LingHuo:Cluster:Membership";
    public const string Gateway = "LingHuo:Gateway";
    public const string Management = "LingHuo:Management";
    public const string Telemetry = "LingHuo:Telemetry";

    public const string Role = "LingHuo:Role";
    public const string ApplicantKeySecret = "LingHuo:Applicants:KeySecret";

    /// <summary>Single values rather than sections.</summary>
    public static readonly IReadOnlyList<string> Values = [Role, ApplicantKeySecret];

    public static readonly IReadOnlyDictionary<string, Type> Bound = new Dictionary<string, Type>
    {
        [Storage] = typeof(StorageSettings),
        [Cluster] = typeof(ClusterSettings),
        [Membership] = typeof(Orleans.Configuration.ClusterMembershipOptions),
        [Gateway] = typeof(GatewaySettings),
        [Management] = typeof(ManagementSettings),
        [Telemetry] = typeof(ServiceDefaults.TelemetrySettings),
        [Runtime.CaseOptions.Section] = typeof(Runtime.CaseOptions),
        [LingHuo.Gateway.Security.AuthSettings.Section] = typeof(LingHuo.Gateway.Security.AuthSettings),
        [LingHuo.Gateway.Security.LimitSettings.Section] = typeof(LingHuo.Gateway.Security.LimitSettings),
        [Persistence.Documents.DocumentSettings.Section] = typeof(Persistence.Documents.DocumentSettings),
        [Persistence.Notifications.NotificationSettings.Section] = typeof(Persistence.Notifications.NotificationSettings),
    };
}
