namespace LingHuo.Gateway.Security;

/// <summary>Bound from <c>LingHuo:Auth</c>: whose tokens the gateway accepts.</summary>
public sealed class AuthSettings
{
    public const string Section = "LingHuo:Auth";

    public List<IssuerSettings> Issuers { get; set; } = [];

    /// <summary>Tolerated clock difference with issuers.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest accepted validity (expiry minus not-before): a stolen token is good for no longer.</summary>
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromHours(24);
}
