using System.Diagnostics.CodeAnalysis;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using LingHuo.Contracts;
using LingHuo.Domain.Divisions;
using LingHuo.Runtime;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace LingHuo.Gateway.Security;

/// <summary>
/// JWT bearer authentication for the gateway: tokens of the configured issuers, signed (ES256 or RS256) with one of
/// their keys, for this audience, in their validity window, naming a role their issuer may vouch for. Every failure is
/// answered as gRPC UNAUTHENTICATED with a reason (ErrorInfo) and a bilingual message.
/// </summary>
public static class Authentication
{
    /// <summary>The cookie the dashboard's sign-in sets: the operator's token, for the dashboard's paths only.</summary>
    public const string DashboardCookie = "linghuo.dashboard";

    public static IServiceCollection AddLingHuoAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(AuthSettings.Section).Get<AuthSettings>() ?? new AuthSettings();
        var keys = Keys(settings);
        var roles = settings.Issuers.ToDictionary(i => i.Issuer, i => i.Roles.ToHashSet(), StringComparer.Ordinal);
        services.AddAuthorization();
        services.AddSingleton<ValidatedTokens>();

        // After AddJwtBearer's own configuration (which sets the validation parameters): token lifetimes are judged on
        // the injected clock, like every other time decision, and a caller's county or jurisdiction against the province
        // of the case policy.
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).PostConfigure<ValidatedTokens, IOptions<CaseOptions>>((o, tokens, cases) =>
        {
            o.TokenHandlers.Clear();
            o.TokenHandlers.Add(tokens);
            o.TimeProvider = tokens.Clock;
            o.TokenValidationParameters.LifetimeValidator = tokens.ValidateLifetime;
            o.Events.OnTokenValidated = context => Accept(context, settings, roles, cases.Value.Policy.Province);
        });
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidAudience = CallerTokens.Audience,
                ValidIssuers = roles.Keys,
                ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.RsaSha256],
                IssuerSigningKeyResolver = (_, token, kid, _) => keys.TryGetValue((token.Issuer, kid ?? ""), out var key) ? [key] : [],
                ClockSkew = settings.ClockSkew,
                RequireExpirationTime = true,
                RequireSignedTokens = true,
                NameClaimType = "sub",
                RoleClaimType = CallerTokens.RoleClaim,
            };
            o.Events = new JwtBearerEvents
            {
                // An operator's browser on the management port's dashboard carries the token in a cookie (its pages
                // cannot add a header); only there.
                OnMessageReceived = context =>
                {
                    if (context.Token is null && context.Request.Path.StartsWithSegments("/dashboard", StringComparison.Ordinal)
                        && context.Request.Cookies.TryGetValue(DashboardCookie, out var token))
                    {
                        context.Token = token;
                    }

                    return Task.CompletedTask;
                },
                OnChallenge = context =>
                {
                    context.HandleResponse();
                    var (reason, message) = Explain(context.AuthenticateFailure);
                    return Unauthenticated(context.Response, reason, message);
                },
            };
        });
        return services;
    }

    /// <summary>A token that validated becomes the call's <see cref="Caller"/>, unless its lifetime, claims or issuer say otherwise.</summary>
    private static Task Accept(TokenValidatedContext context, AuthSettings settings, Dictionary<string, HashSet<CallerRole>> roles, DivisionCode province)
    {
        var token = context.SecurityToken;
        if (token.ValidTo - token.ValidFrom > settings.MaxTokenLifetime + settings.ClockSkew)
        {
            context.Fail(new Rejection("TOKEN_LIFETIME_TOO_LONG", $"The token is valid for longer than {settings.MaxTokenLifetime} / 令牌有效期过长"));
        }
        else if (Caller.Read(context.Principal, province, out var problem) is not { } caller)
        {
            context.Fail(new Rejection("TOKEN_CLAIMS_INVALID", problem));
        }
        else if (!roles[token.Issuer].Contains(caller.Role))
        {
            context.Fail(new Rejection("ISSUER_MAY_NOT_VOUCH_FOR_ROLE", $"The issuer may not vouch for the role {caller.Role} / 签发方无权签发该角色的令牌"));
        }
        else
        {
            Caller.Remember(context.HttpContext, caller);
        }

        return Task.CompletedTask;
    }

    private static (string Reason, string Message) Explain(Exception? failure) => failure switch
    {
        null => ("TOKEN_MISSING", "A bearer token is required (authorization: Bearer …) / 需要持有令牌（authorization: Bearer …）"),
        Rejection r => (r.Reason, r.Message),
        SecurityTokenExpiredException => ("TOKEN_EXPIRED", "The token has expired / 令牌已过期"),
        SecurityTokenNotYetValidException => ("TOKEN_NOT_YET_VALID", "The token is not valid yet / 令牌尚未生效"),
        SecurityTokenInvalidAudienceException => ("TOKEN_WRONG_AUDIENCE", $"The token is not for this service (audience must be {CallerTokens.Audience}) / 令牌的受众不是本服务"),
        SecurityTokenInvalidIssuerException => ("TOKEN_UNKNOWN_ISSUER", "The token's issuer is not trusted / 令牌签发方不受信任"),
        SecurityTokenSignatureKeyNotFoundException => ("TOKEN_UNKNOWN_KEY", "The token is signed with a key this service does not know / 令牌签名密钥未知"),
        SecurityTokenInvalidSignatureException => ("TOKEN_BAD_SIGNATURE", "The token's signature does not verify / 令牌签名无效"),
        SecurityTokenInvalidAlgorithmException => ("TOKEN_ALGORITHM_NOT_ACCEPTED", "The token's signing algorithm is not accepted (ES256 or RS256) / 令牌签名算法不被接受"),
        SecurityTokenNoExpirationException => ("TOKEN_NO_EXPIRY", "The token has no expiry / 令牌缺少有效期"),
        _ => ("TOKEN_MALFORMED", "The token is not a well-formed signed JWT / 令牌格式无效"),
    };

    /// <summary>
    /// Status 16 with the reason in ErrorInfo, whatever the RPC was: to a gRPC or gRPC-Web caller a trailers-only
    /// response, to a JSON caller HTTP 401 with the google.rpc.Status as JSON.
    /// </summary>
    private static Task Unauthenticated(Microsoft.AspNetCore.Http.HttpResponse response, string reason, string message)
    {
        var status = new Google.Rpc.Status
        {
            Code = (int)Code.Unauthenticated,
            Message = message,
            Details = { Any.Pack(new ErrorInfo { Reason = reason, Domain = Errors.Domain }) },
        };
        if (response.HttpContext.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) != true)
        {
            response.Headers.WWWAuthenticate = "Bearer";
            return Errors.WriteJsonAsync(response, StatusCodes.Status401Unauthorized, status);
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)Code.Unauthenticated).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = Uri.EscapeDataString(message);
        response.Headers["grpc-status-details-bin"] = Convert.ToBase64String(status.ToByteArray());
        return Task.CompletedTask;
    }

    /// <summary>The public keys by (issuer, key id), checked at start so a bad configuration stops the host at once.</summary>
    private static Dictionary<(string Issuer, string KeyId), SecurityKey> Keys(AuthSettings settings)
    {
        var keys = new Dictionary<(string, string), SecurityKey>();
        foreach (var issuer in settings.Issuers)
        {
            Require(!string.IsNullOrWhiteSpace(issuer.Issuer), "every issuer needs its name (Issuer)");
            Require(issuer.Roles.Count > 0, $"issuer {issuer.Issuer} needs the roles it may vouch for (Roles)");
            Require(issuer.Keys.Count > 0, $"issuer {issuer.Issuer} needs at least one key (Keys)");
            foreach (var key in issuer.Keys)
            {
                Require(!string.IsNullOrWhiteSpace(key.Id), $"every key of issuer {issuer.Issuer} needs its id (Id)");
                var pem = key.PublicKeyPem is { Length: > 0 } inline ? inline : key.PublicKeyFile is { Length: > 0 } file ? File.ReadAllText(file) : "";
                Require(pem.Length > 0, $"key {key.Id} of issuer {issuer.Issuer} needs PublicKeyPem or PublicKeyFile");
                Require(!pem.Contains("PRIVATE", StringComparison.Ordinal), $"key {key.Id} of issuer {issuer.Issuer} is a private key: give the gateway the public key only");
                Require(keys.TryAdd((issuer.Issuer, key.Id), CallerTokens.Key(pem, key.Id)), $"issuer {issuer.Issuer} has key id {key.Id} twice");
            }
        }

        return keys;
    }

    private static void Require([DoesNotReturnIf(false)] bool condition, string problem)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"{AuthSettings.Section}: {problem}.");
        }
    }

    /// <summary>A token that validated but is not acceptable here, with the reason a caller is told.</summary>
    private sealed class Rejection(string reason, string message) : Exception(message)
    {
        public string Reason { get; } = reason;
    }
}
