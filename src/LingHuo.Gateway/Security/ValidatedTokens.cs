using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LingHuo.Gateway.Security;

/// <summary>
/// Validates bearer tokens once each: a portal or department sends the same token on thousands of calls, and checking
/// its signature (ES256/RS256) every time cost the gateway more than the calls themselves. A validated token is
/// remembered, keyed by its SHA-256, until it expires (never longer); anything that fails is validated afresh every time.
/// </summary>
public sealed class ValidatedTokens : JsonWebTokenHandler, IDisposable
{
    public const int Capacity = 100_000;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = Capacity });
    private readonly TimeProvider _time;

    public ValidatedTokens(TimeProvider time)
    {
        _time = time;
        SetDefaultTimesOnTokenCreation = false;
    }

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        ArgumentNullException.ThrowIfNull(token);
        var key = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        if (_cache.TryGetValue(key, out TokenValidationResult? known) && known!.SecurityToken.ValidTo > _time.GetUtcNow().UtcDateTime)
        {
            return known;
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid)
        {
            _cache.Set(key, result, new MemoryCacheEntryOptions { AbsoluteExpiration = result.SecurityToken.ValidTo, Size = 1 });
        }

        return result;
    }

    public void Dispose() => _cache.Dispose();
}
