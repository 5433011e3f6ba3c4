using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LingHuo.Contracts;

/// <summary>
/// What a bearer token for the gateway says: the claims the gateway reads and a way to sign one (ES256 or RS256 with a
/// PEM private key). Issuers (portals, clerk systems, departments, the operators' sign-on) mint them; the gateway
/// holds only their public keys.
/// </summary>
public static class CallerTokens
{
    public const string Audience = "linghuo";
    public const string RoleClaim = "role";
    public const string ApplicantClaim = "applicant";
    public const string CountyClaim = "county";
    public const string DepartmentClaim = "department";
    public const string JurisdictionClaim = "jurisdiction";

    /// <summary>Claims of a caller; <paramref name="subject"/> names the person or system for the audit trail.</summary>
    public static Dictionary<string, object> Claims(
        CallerRole role, string subject, string? applicantKey = null, string? county = null, string? department = null, string? jurisdiction = null)
    {
        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = subject,
            [RoleClaim] = role.ToString().ToLowerInvariant(),
        };
        Add(claims, ApplicantClaim, applicantKey);
        Add(claims, CountyClaim, county);
        Add(claims, DepartmentClaim, department);
        Add(claims, JurisdictionClaim, jurisdiction);
        return claims;
    }

    /// <summary>Signs a token with a PEM private key (EC P-256 → ES256, RSA → RS256).</summary>
    public static string Mint(string privateKeyPem, string keyId, string issuer, IDictionary<string, object> claims, DateTimeOffset now, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = Audience,
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            SigningCredentials = SigningCredentials(privateKeyPem, keyId),
        });
    }

    /// <summary>A PEM key (private for signing, public for validating), EC or RSA, as a security key with its key id.</summary>
    public static AsymmetricSecurityKey Key(string pem, string keyId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pem);
        AsymmetricSecurityKey key;
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(pem);
            key = new ECDsaSecurityKey(ecdsa);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            ecdsa.Dispose();
            var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            key = new RsaSecurityKey(rsa);
        }

        key.KeyId = keyId;
        return key;
    }

    /// <summary>A new EC P-256 key pair as PEM (private PKCS#8, public SubjectPublicKeyInfo).</summary>
    public static (string PrivatePem, string PublicPem) NewKeyPair()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return (ecdsa.ExportPkcs8PrivateKeyPem(), ecdsa.ExportSubjectPublicKeyInfoPem());
    }

    private static SigningCredentials SigningCredentials(string pem, string keyId)
    {
        var key = Key(pem, keyId);
        return new SigningCredentials(key, key is RsaSecurityKey ? SecurityAlgorithms.RsaSha256 : SecurityAlgorithms.EcdsaSha256);
    }

    private static void Add(Dictionary<string, object> claims, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            claims[name] = value;
        }
    }
}
