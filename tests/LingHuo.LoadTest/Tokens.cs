using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Net.Client;
using LingHuo.Contracts;
using P = LingHuo.Protos.V1;

namespace LingHuo.LoadTest;

/// <summary>
/// Load runs with authentication on, as production does: each call carries the token of the caller it would come from
/// (a clerk of the application's county, the department subscribing, an operator otherwise), signed with the
/// key the platform under test trusts.
/// </summary>
public sealed class Tokens(string privateKey, string issuer, string keyId)
{
    private readonly ConcurrentDictionary<string, string> _tokens = new();

    /// <summary>
    /// The development key of ./run.sh and the bench scripts: <c>LINGHUO_SIGNING_KEY_FILE</c> (default
    /// .data/dev-signing.key), issuer linghuo-dev, key id dev.
    /// </summary>
    public static Tokens FromEnvironment() => new(
        File.ReadAllText(Environment.GetEnvironmentVariable("LINGHUO_SIGNING_KEY_FILE") is { Length: > 0 } file ? file : ".data/dev-signing.key"),
        "linghuo-dev",
        "dev");

    public CallInvoker Over(GrpcChannel channel) => GatewayCalls.Over(channel, TokenFor, unaryDeadline: null);

    private string TokenFor(object request) => request switch
    {
        P.SubmitApplicationRequest r => Clerk(r.Details.CountyCode),
        P.GetApplicationRequest r => Clerk(r.Number[..6]),
        P.SubscribeWorkItemsRequest r => Department(r.Department),
        P.ClaimMatterRequest r => Department(r.Department),
        P.CompleteMatterRequest r => Department(r.Department),
        _ => Token("operator", CallerTokens.Claims(CallerRole.Operator, "bench-operator")),
    };

    private string Clerk(string county) => Token("clerk-" + county, CallerTokens.Claims(CallerRole.Clerk, "bench-clerk", county: county));

    private string Department(P.Department department) => Token("department-" + department, CallerTokens.Claims(
        CallerRole.Department, "bench-department", department: ((Domain.Catalog.Department)(int)department).ToString(), jurisdiction: "53"));

    private string Token(string key, Dictionary<string, object> claims) =>
        _tokens.GetOrAdd(key, _ => CallerTokens.Mint(privateKey, keyId, issuer, claims, DateTimeOffset.UtcNow, TimeSpan.FromHours(12)));
}
