using System.Security.Cryptography;
using System.Text;
using LingHuo.Runtime;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Internal;
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

    private readonly MemoryCache _cache;
    private readonly TimeProvider _time;

    public ValidatedTokens([FromKeyedServices(ServiceKeys.BusinessClock)] TimeProvider time)
    {
        _time = time;
        // The cache's own expiry must run on the same clock as every other time decision.
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = Capacity, Clock = new CacheClock(time) });
        SetDefaultTimesOnTokenCreation = false;
    }

    /// <summary>The clock every token decision is made on.</summary>
    public TimeProvider Clock => _time;

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

    /// <summary>
    /// The token lifetime check on the injected clock (IdentityModel's own reads the machine clock), with the library's
    /// exceptions so that callers are told the same reasons: no expiry, not valid yet, expired.
    /// </summary>
    public bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var now = _time.GetUtcNow().UtcDateTime;
        if (expires is not { } validTo)
        {
            throw new SecurityTokenNoExpirationException("The token has no expiration time.");
        }

        if (notBefore is { } validFrom && validFrom > validTo)
        {
            throw new SecurityTokenInvalidLifetimeException("The token's notBefore is after its expiry.") { NotBefore = validFrom, Expires = validTo };
        }

        if (notBefore > now + parameters.ClockSkew)
        {
            throw new SecurityTokenNotYetValidException("The token is not valid yet.") { NotBefore = notBefore.Value };
        }

        if (validTo < now - parameters.ClockSkew)
        {
            throw new SecurityTokenExpiredException("The token has expired.") { Expires = validTo };
        }

        return true;
    }

    public void Dispose() => _cache.Dispose();

    private sealed class CacheClock(TimeProvider time) : ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
}
