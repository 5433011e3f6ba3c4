using LingHuo.Contracts;
using LingHuo.Gateway.Security;
using LingHuo.Testing;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;

namespace LingHuo.Gateway.Tests;

/// <summary>
/// The gateway validates a token's signature once, and never serves a token from memory past its expiry. Every time
/// decision, the cache's expiry and the token's lifetime included, is made on the injected clock: these tests run at a
/// fixed moment, whatever the machine's date.
/// </summary>
public sealed class ValidatedTokensTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));
    private int _keyLookups;

    private TokenValidationParameters Parameters(ValidatedTokens tokens) => new()
    {
        LifetimeValidator = tokens.ValidateLifetime,
        ClockSkew = TimeSpan.Zero,
        ValidIssuer = Callers.Issuer,
        ValidAudience = CallerTokens.Audience,
        IssuerSigningKeyResolver = (_, _, kid, _) =>
        {
            Interlocked.Increment(ref _keyLookups);
            return [CallerTokens.Key(Callers.Key1.Public, kid)];
        },
    };

    private string Token(TimeSpan lifetime) => Callers.Sign(CallerTokens.Claims(CallerRole.Operator, "o"), now: _time.GetUtcNow(), lifetime: lifetime);

    [Fact]
    public async Task ARepeatedToken_IsValidatedOnce()
    {
        using var tokens = new ValidatedTokens(_time);
        var token = Token(TimeSpan.FromHours(1));

        for (var i = 0; i < 5; i++)
        {
            Assert.True((await tokens.ValidateTokenAsync(token, Parameters(tokens))).IsValid);
        }

        Assert.Equal(1, _keyLookups);
    }

    [Fact]
    public async Task ARememberedToken_IsRefusedOnceItExpires()
    {
        using var tokens = new ValidatedTokens(_time);
        var token = Token(TimeSpan.FromMinutes(1));
        Assert.True((await tokens.ValidateTokenAsync(token, Parameters(tokens))).IsValid);

        _time.Advance(TimeSpan.FromMinutes(2));

        Assert.False((await tokens.ValidateTokenAsync(token, Parameters(tokens))).IsValid);
        Assert.Equal(2, _keyLookups);
    }

    [Fact]
    public async Task AnInvalidToken_IsNeverRemembered()
    {
        using var tokens = new ValidatedTokens(_time);
        var forged = Callers.Sign(CallerTokens.Claims(CallerRole.Operator, "o"), Callers.StrangerKey.Private, now: _time.GetUtcNow());

        Assert.False((await tokens.ValidateTokenAsync(forged, Parameters(tokens))).IsValid);
        Assert.False((await tokens.ValidateTokenAsync(forged, Parameters(tokens))).IsValid);
        Assert.Equal(2, _keyLookups);
    }
    [Fact]
    public async Task ATokensLifetime_IsJudgedOnTheInjectedClock_WithTheReasonsCallersAreTold()
    {
        using var tokens = new ValidatedTokens(_time);
        var early = Callers.Sign(CallerTokens.Claims(CallerRole.Operator, "o"), now: _time.GetUtcNow().AddMinutes(10));
        var brief = Token(TimeSpan.FromMinutes(1));

        Assert.IsType<SecurityTokenNotYetValidException>((await tokens.ValidateTokenAsync(early, Parameters(tokens))).Exception);
        Assert.True((await tokens.ValidateTokenAsync(brief, Parameters(tokens))).IsValid);

        _time.Advance(TimeSpan.FromMinutes(11));

        Assert.True((await tokens.ValidateTokenAsync(early, Parameters(tokens))).IsValid);
        Assert.IsType<SecurityTokenExpiredException>((await tokens.ValidateTokenAsync(brief, Parameters(tokens))).Exception);
    }
}
