using System.Security.Cryptography;
using System.Text;

namespace LingHuo.Domain.Identity;

/// <summary>
/// The applicant grain's key: an HMAC-SHA256 of the normalized identity number under a secret from configuration, so
/// that a key seen in storage, logs or traces reveals nothing without the secret.
/// </summary>
public sealed class ApplicantKeys
{
    public const int MinimumSecretBytes = 32;
    private readonly byte[] _secret;

    public ApplicantKeys(byte[] secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length < MinimumSecretBytes)
        {
            throw new ArgumentException($"The applicant key secret must have at least {MinimumSecretBytes} bytes.", nameof(secret));
        }

        _secret = (byte[])secret.Clone();
    }

    public static ApplicantKeys FromBase64(string? secret) =>
        new(string.IsNullOrWhiteSpace(secret)
            ? throw new InvalidOperationException("LingHuo:Applicants:KeySecret is not configured (base64, at least 32 bytes).")
            : Convert.FromBase64String(secret));

    public string For(IdentityNumber identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(_secret, Encoding.ASCII.GetBytes(identity.Value), hash);
        return Convert.ToHexStringLower(hash);
    }
}
