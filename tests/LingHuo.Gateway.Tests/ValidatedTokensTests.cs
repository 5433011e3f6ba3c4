using LingHuo.Gateway.Security;
using LingHuo.Protos;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;

namespace LingHuo.Gateway.Tests;

/// <summary>The gateway validates a token's signature once, and never serves a token from memory past its expiry.</summary>
public sealed class ValidatedTokensTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));
    private int _keyLookups;

    private TokenValidationParameters Parameters() => new()
    {
        ValidIssuer = Callers.Issuer,
        ValidAudience = CallerTokens.Audience,
        IssuerSigningKeyResolver = (_, _, kid, _) =>
        {
            Interlocked.Increment(ref _keyLookups);
            return [CallerTokens.Key(Callers.Key1.Public, kid)];
        },
        LifetimeValidator = (notBefore, expires, _, _) => notBefore <= _time.GetUtcNow().UtcDateTime && _time.GetUtcNow().UtcDateTime < expires,
    };

    private string Token(TimeSpan lifetime) => Callers.Sign(CallerTokens.Claims(CallerRole.Operator, "o"), now: _time.GetUtcNow(), lifetime: lifetime);

    [Fact]
    public async Task ARepeatedToken_IsValidatedOnce()
    {
        using var tokens = new ValidatedTokens(_time);
        var token = Token(TimeSpan.FromHours(1));

        for (var i = 0; i < 5; i++)
        {
            Assert.True((await tokens.ValidateTokenAsync(token, Parameters())).IsValid);
        }

        Assert.Equal(1, _keyLookups);
    }

    [Fact]
    public async Task ARememberedToken_IsRefusedOnceItExpires()
    {
        using var tokens = new ValidatedTokens(_time);
        var token = Token(TimeSpan.FromMinutes(1));
        Assert.True((await tokens.ValidateTokenAsync(token, Parameters())).IsValid);

        _time.Advance(TimeSpan.FromMinutes(2));

        Assert.False((await tokens.ValidateTokenAsync(token, Parameters())).IsValid);
        Assert.Equal(2, _keyLookups);
    }

    [Fact]
    public async Task AnInvalidToken_IsNeverRemembered()
    {
        using var tokens = new ValidatedTokens(_time);
        var forged = Callers.Sign(CallerTokens.Claims(CallerRole.Operator, "o"), Callers.StrangerKey.Private, now: _time.GetUtcNow());

        Assert.False((await tokens.ValidateTokenAsync(forged, Parameters())).IsValid);
        Assert.False((await tokens.ValidateTokenAsync(forged, Parameters())).IsValid);
        Assert.Equal(2, _keyLookups);
    }
}
