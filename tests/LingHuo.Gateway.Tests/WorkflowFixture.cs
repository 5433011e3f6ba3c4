using Grpc.Core;
using LingHuo.Contracts;
using LingHuo.Runtime;
using LingHuo.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using P = LingHuo.Protos.V1;

namespace LingHuo.Gateway.Tests;

/// <summary>
/// The gateway as a county works it: every county reviews by hand (the platform's default), and business time is a
/// fake clock the tests move across working days, holidays and deadlines. Tokens are signed at the fake time.
/// </summary>
public sealed class WorkflowFixture : GatewayFixture
{
    /// <summary>Monday 28 September 2026, 09:30 in Beijing: the National Day holiday (10-01..10-07) and the working Saturday 10-10 lie ahead.</summary>
    public static readonly DateTimeOffset Start = new(2026, 9, 28, 1, 30, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Start);

    public P.ApplicationService.ApplicationServiceClient Plain => new(Channel);

    public P.DepartmentService.DepartmentServiceClient PlainDepartments => new(Channel);

    public P.QueryService.QueryServiceClient PlainQueries => new(Channel);

    public Metadata Clerk(string county = "530102") => Signed(CallerTokens.Claims(CallerRole.Clerk, "clerk-" + county, county: county));

    public Metadata Applicant(string identity) =>
        Signed(CallerTokens.Claims(CallerRole.Applicant, "person-" + identity[^4..], applicantKey: Callers.ApplicantKeyOf(identity)));

    public Metadata Department(P.Department department, string jurisdiction = "53") =>
        Signed(CallerTokens.Claims(
            CallerRole.Department, $"{department}-{jurisdiction}", department: ((Domain.Catalog.Department)(int)department).ToString(), jurisdiction: jurisdiction));

    protected override void Configure(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LingHuo:Cases:Acceptance:Mode"] = "Review",
            ["LingHuo:Limits:PublicCallsPerSecond"] = "2",
            ["LingHuo:Cases:DeadlineSweepInterval"] = "00:00:00.200",

            // A province that records a default 满意 five working days after closure, with rectification due in ten.
            ["LingHuo:Cases:Policy:DefaultRatingWorkingDays"] = "5",
            ["LingHuo:Cases:Policy:RectificationWorkingDays"] = "10",
        });
        builder.Services.AddKeyedSingleton<TimeProvider>(ServiceKeys.BusinessClock, Clock);
    }

    private Metadata Signed(IDictionary<string, object> claims) => Callers.Bearer(Callers.Sign(claims, now: Clock.GetUtcNow()));
}

[CollectionDefinition(Name)]
public sealed class WorkflowCollection : ICollectionFixture<WorkflowFixture>
{
    public const string Name = "workflow";
}
