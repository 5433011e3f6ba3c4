using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace LingHuo.Persistence.Documents;

/// <summary>
/// The platform's seal on a document: HMAC-SHA256 under a key with an id over the document number and the digest of what
/// it prints (<see cref="DocumentIssuer.Digest"/>). The verification code printed beside the QR code is the start of
/// that MAC in base32 (no 0/1/I/O to misread); a changed field gives another code.
/// </summary>
public sealed class DocumentSeal
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    public const int CodeLength = 10;

    private readonly Dictionary<string, byte[]> _keys;
    private readonly string _current;

    public DocumentSeal(IOptions<DocumentSettings> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var keys = options.Value.Keys;
        _keys = keys.Where(k => Secret(k.Secret) is { Length: >= 32 }).ToDictionary(k => k.Id, k => Secret(k.Secret)!, StringComparer.Ordinal);
        _current = keys.FirstOrDefault()?.Id ?? "";
    }

    /// <summary>At least one key, each with an id and a secret of at least 32 bytes (checked when a silo that issues starts).</summary>
    public static bool IsValid(DocumentSettings settings) =>
        settings is { Keys.Count: > 0 } && settings.Keys.All(k => !string.IsNullOrWhiteSpace(k.Id) && Secret(k.Secret) is { Length: >= 32 });

    public string CurrentKeyId => _current.Length > 0 ? _current : throw new InvalidOperationException($"{DocumentSettings.Section}:Keys has no key to seal documents with.");

    /// <summary>The code printed on a document sealed now.</summary>
    public string Code(string number, string digest) => Code(CurrentKeyId, number, digest)!;

    /// <summary>The code a document would carry under the key it names; null when that key is not known (any more).</summary>
    public string? Code(string keyId, string number, string digest)
    {
        if (!_keys.TryGetValue(keyId, out var key))
        {
            return null;
        }

        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{number}\n{digest}"));
        var code = new StringBuilder(CodeLength);
        for (var i = 0; i < CodeLength; i++)
        {
            code.Append(Alphabet[mac[i] % Alphabet.Length]);
        }

        return code.ToString();
    }

    private static byte[]? Secret(string text)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Two codes compared without telling by timing how much of them matched.</summary>
    public static bool Same(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a.ToUpperInvariant()), Encoding.ASCII.GetBytes(b.ToUpperInvariant()));
}
