using System.Collections.Concurrent;
using Grpc.Core;
using LingHuo.Contracts;
using LingHuo.Domain.Calendar;
using LingHuo.Domain.Identity;
using P = LingHuo.Protos.V1;

namespace LingHuo.Testing;

/// <summary>
/// The issuers the test gateway trusts and tokens from them: "linghuo-tests" (two keys, as during a rotation; every
/// role) and "portal-tests" (applicants only).
/// </summary>
public static class Callers
{
    public const string Issuer = "linghuo-tests";
    public const string PortalIssuer = "portal-tests";

    public static readonly (string Private, string Public) Key1 = CallerTokens.NewKeyPair();
    public static readonly (string Private, string Public) Key2 = CallerTokens.NewKeyPair();
    public static readonly (string Private, string Public) PortalKey = CallerTokens.NewKeyPair();

    /// <summary>A key nobody configured: what a forger signs with.</summary>
    public static readonly (string Private, string Public) StrangerKey = CallerTokens.NewKeyPair();

    private static readonly ApplicantKeys Keys = ApplicantKeys.FromBase64(GatewayFixture.KeySecret);
    private static readonly ConcurrentDictionary<string, string> Cache = new();

    public static Dictionary<string, string?> Configuration() => new()
    {
        ["LingHuo:Auth:Issuers:0:Issuer"] = Issuer,
        ["LingHuo:Auth:Issuers:0:Roles:0"] = "Applicant",
        ["LingHuo:Auth:Issuers:0:Roles:1"] = "Clerk",
        ["LingHuo:Auth:Issuers:0:Roles:2"] = "Department",
        ["LingHuo:Auth:Issuers:0:Roles:3"] = "Operator",
        ["LingHuo:Auth:Issuers:0:Keys:0:Id"] = "k1",
        ["LingHuo:Auth:Issuers:0:Keys:0:PublicKeyPem"] = Key1.Public,
        ["LingHuo:Auth:Issuers:0:Keys:1:Id"] = "k2",
        ["LingHuo:Auth:Issuers:0:Keys:1:PublicKeyPem"] = Key2.Public,
        ["LingHuo:Auth:Issuers:1:Issuer"] = PortalIssuer,
        ["LingHuo:Auth:Issuers:1:Roles:0"] = "Applicant",
        ["LingHuo:Auth:Issuers:1:Keys:0:Id"] = "p1",
        ["LingHuo:Auth:Issuers:1:Keys:0:PublicKeyPem"] = PortalKey.Public,
    };

    public static string Sign(IDictionary<string, object> claims, string? privateKey = null, string keyId = "k1", string issuer = Issuer, DateTimeOffset? now = null, TimeSpan? lifetime = null) =>
        CallerTokens.Mint(privateKey ?? Key1.Private, keyId, issuer, claims, now ?? DateTimeOffset.UtcNow, lifetime ?? TimeSpan.FromHours(1));

    public static string ApplicantKeyOf(string identity) =>
        Keys.For(IdentityNumber.Parse(identity, BeijingTime.DateOf(DateTimeOffset.UtcNow)).Value!);

    public static string Applicant(string identity) =>
        Cache.GetOrAdd("a:" + identity, _ => Sign(CallerTokens.Claims(CallerRole.Applicant, "person-" + identity[^4..], applicantKey: ApplicantKeyOf(identity))));

    public static string Clerk(string county = "530102") =>
        Cache.GetOrAdd("c:" + county, _ => Sign(CallerTokens.Claims(CallerRole.Clerk, "clerk-" + county, county: county)));

    public static string Department(P.Department department, string jurisdiction = "53") =>
        Cache.GetOrAdd($"d:{department}:{jurisdiction}", _ => Sign(CallerTokens.Claims(
            CallerRole.Department, $"{department}-{jurisdiction}", department: ((Domain.Catalog.Department)(int)department).ToString(), jurisdiction: jurisdiction)));

    public static string Operator() => Cache.GetOrAdd("o", _ => Sign(CallerTokens.Claims(CallerRole.Operator, "operator-1")));

    public static Metadata Bearer(string token) => new() { { "authorization", "Bearer " + token } };

    /// <summary>
    /// The caller a test call would naturally come from, read off the request: a clerk of the application's county, the
    /// department the request names, an operator for queries and the calendar.
    /// </summary>
    public static string? For(object request) => request switch
    {
        P.SubmitApplicationRequest r => Clerk(County(r.Details?.CountyCode)),
        P.PrecheckApplicationRequest r => Clerk(County(r.Details?.CountyCode)),
        P.GetApplicationRequest r => Clerk(CountyOf(r.Number)),
        P.SupplementMaterialsRequest r => Clerk(CountyOf(r.Number)),
        P.WithdrawApplicationRequest r => Clerk(CountyOf(r.Number)),
        P.WatchApplicationRequest r => Clerk(CountyOf(r.Number)),
        P.AcceptApplicationRequest r => Clerk(CountyOf(r.Number)),
        P.RefuseAcceptanceRequest r => Clerk(CountyOf(r.Number)),
        P.RequestSupplementRequest r => Clerk(CountyOf(r.Number)),
        P.GetMaterialRequest r => Clerk(CountyOf(r.Number)),
        P.ListReviewQueueRequest => Clerk(),
        P.ListDocumentsRequest r => Clerk(CountyOf(r.Number)),
        P.GetDocumentRequest r => Clerk(CountyOf(r.DocumentNumber)),
        P.RecordDispatchRequest r => Clerk(CountyOf(r.Number)),
        P.RecordPickUpRequest r => Clerk(CountyOf(r.Number)),
        P.ConfirmDeliveryRequest r => Clerk(CountyOf(r.Number)),
        P.RespondToRatingRequest r => Clerk(CountyOf(r.Number)),
        P.ListMyApplicationsRequest => Clerk(),
        P.SubscribeWorkItemsRequest r => Department(Known(r.Department)),
        P.ClaimMatterRequest r => Department(Known(r.Department)),
        P.CompleteMatterRequest r => Department(Known(r.Department)),
        P.RejectMatterRequest r => Department(Known(r.Department)),
        P.ReturnMatterForSupplementRequest r => Department(Known(r.Department)),
        P.RecordApplicantFactsRequest => Department(P.Department.HumanResourcesSocialSecurity),
        _ => Operator(),
    };

    private static string County(string? code) =>
        code is { Length: 6 } && code.StartsWith("53", StringComparison.Ordinal) && code.All(char.IsAsciiDigit) ? code : "530102";

    private static string CountyOf(string? number) => County(number is { Length: >= 6 } ? number[..6] : null);

    private static P.Department Known(P.Department department) =>
        department is P.Department.HumanResourcesSocialSecurity or P.Department.MedicalSecurity or P.Department.Tax ? department : P.Department.HumanResourcesSocialSecurity;

    /// <summary>Calls as their natural caller (<see cref="For"/>) unless a call brings its own token.</summary>
    public static CallInvoker Natural(ChannelBase channel) => GatewayCalls.Over(channel, For, unaryDeadline: null);
}
