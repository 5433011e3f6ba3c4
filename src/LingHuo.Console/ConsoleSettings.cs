namespace LingHuo.Console;

/// <summary>Bound from <c>LingHuo:Console</c>.</summary>
public sealed class ConsoleSettings
{
    public const string Section = "LingHuo:Console";

    /// <summary>The gateway's gRPC address (HTTP/2), e.g. http://127.0.0.1:5080.</summary>
    public string Gateway { get; set; } = "http://127.0.0.1:5080";

    /// <summary>
    /// Development only: a PEM private key the console signs its users' tokens with (the gateway must trust it as
    /// <see cref="DevelopmentIssuer"/>). When set, a sign-in page lets anyone pick a role; never set it in production,
    /// where people sign in with the province's OpenID Connect provider.
    /// </summary>
    public string? DevelopmentKeyFile { get; set; }

    /// <summary>Development only: the platform's applicant-key secret (base64), so that the sign-in page can sign applicants in by identity number.</summary>
    public string? DevelopmentApplicantKeySecretFile { get; set; }

    public string DevelopmentIssuer { get; set; } = "linghuo-dev";

    public string DevelopmentKeyId { get; set; } = "dev";

    public bool HasDevelopmentSignIn => !string.IsNullOrWhiteSpace(DevelopmentKeyFile);

    /// <summary>
    /// Where the replicas keep the keys that protect sign-in cookies (a volume they all mount); unset, each process keeps
    /// its own, and a person signed in at one replica is asked to sign in again at another.
    /// </summary>
    public string? DataProtectionKeysDirectory { get; set; }

    /// <summary>Production sign-in: the province's OpenID Connect provider.</summary>
    public OidcSettings Oidc { get; set; } = new();

    /// <summary>Why these settings cannot run, or null.</summary>
    public string? Problem() => (HasDevelopmentSignIn, Oidc.IsConfigured) switch
    {
        (true, true) => $"{Section}: set either DevelopmentKeyFile (development sign-in) or Oidc:Authority (the province's sign-on), not both.",
        (_, true) when string.IsNullOrWhiteSpace(Oidc.ClientId) => $"{Section}:Oidc:ClientId is required with Oidc:Authority.",
        _ => null,
    };
}

/// <summary>
/// Bound from <c>LingHuo:Console:Oidc</c>. People sign in at the provider (authorization code with PKCE); the access
/// token it issues is what the console's calls to the gateway carry, so the gateway must trust that issuer
/// (<c>LingHuo:Auth:Issuers</c>) and the token must carry the platform's claims: <c>role</c> (clerk, operator, applicant),
/// <c>county</c> for clerks, <c>applicant</c> for applicants.
/// </summary>
public sealed class OidcSettings
{
    /// <summary>The provider's issuer URL; its discovery document is read from there.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>A file holding the client secret (a mounted secret), for a confidential client; none for a public one.</summary>
    public string? ClientSecretFile { get; set; }

    /// <summary>Scopes asked for besides openid and profile, e.g. the gateway's API scope.</summary>
    public IList<string> Scopes { get; set; } = [];

    /// <summary>Development and tests only: a provider reached over plain HTTP on loopback.</summary>
    public bool AllowHttpAuthority { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority);
}
