using LingHuo.Contracts;

namespace LingHuo.Gateway.Security;

/// <summary>One issuer: its name in tokens (iss), the roles it may vouch for, and its public keys by key id.</summary>
public sealed class IssuerSettings
{
    public string Issuer { get; set; } = "";

    /// <summary>A portal may vouch for applicants only; an operators' sign-on for operators only; and so on.</summary>
    public List<CallerRole> Roles { get; set; } = [];

    /// <summary>Several during a key rotation: tokens signed with any of them are accepted.</summary>
    public List<KeySettings> Keys { get; set; } = [];
}
