using LingHuo.Contracts;
using LingHuo.Grains.Abstractions;
using LingHuo.Runtime;

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

/// <summary>One issuer: its name in tokens (iss), the roles it may vouch for, and its public keys by key id.</summary>
public sealed class IssuerSettings
{
    public string Issuer { get; set; } = "";

    /// <summary>A portal may vouch for applicants only; an operators' sign-on for operators only; and so on.</summary>
    public List<CallerRole> Roles { get; set; } = [];

    /// <summary>Several during a key rotation: tokens signed with any of them are accepted.</summary>
    public List<KeySettings> Keys { get; set; } = [];
}

public sealed class KeySettings
{
    /// <summary>The key id (kid) tokens name in their header.</summary>
    public string Id { get; set; } = "";

    /// <summary>The public key, PEM (EC P-256 or RSA); or <see cref="PublicKeyFile"/>.</summary>
    public string PublicKeyPem { get; set; } = "";

    public string PublicKeyFile { get; set; } = "";
}

/// <summary>Bound from <c>LingHuo:Limits</c>: what one caller may ask of the gateway.</summary>
public sealed class LimitSettings
{
    public const string Section = "LingHuo:Limits";

    /// <summary>Sustained calls per second per caller, by role (a token bucket of twice this size allows bursts).</summary>
    public Dictionary<CallerRole, int> CallsPerSecond { get; set; } = new()
    {
        [CallerRole.Applicant] = 10,
        [CallerRole.Clerk] = 100,
        [CallerRole.Department] = 1_000,
        [CallerRole.Operator] = 50,
    };

    /// <summary>Open server streams (watches, feeds) per caller.</summary>
    public int StreamsPerCaller { get; set; } = 4;
}
