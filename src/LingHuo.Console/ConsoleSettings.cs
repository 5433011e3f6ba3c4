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
}
