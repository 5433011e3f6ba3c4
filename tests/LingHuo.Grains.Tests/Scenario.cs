using LingHuo.Domain;
using LingHuo.Domain.Calendar;
using LingHuo.Domain.Cases;
using LingHuo.Domain.Catalog;
using LingHuo.Domain.Eligibility;
using LingHuo.Domain.Identity;
using LingHuo.Domain.Intake;
using LingHuo.Domain.Premiums;
using LingHuo.Grains.Abstractions;
using LingHuo.Testing;

namespace LingHuo.Grains.Tests;

/// <summary>Distinct applicants and well-formed requests, so that tests never share a grain.</summary>
internal static class Scenario
{
    public const string KeySecret = "bGluZ2h1by10ZXN0cy1hcHBsaWNhbnQta2V5LXNlY3JldC0zMmI=";

    public static ApplicantKeys Keys { get; } = ApplicantKeys.FromBase64(KeySecret);

    public static ApplicationRequest Request(string? identity = null, Channel channel = Channel.Online, params Matter[] matters)
    {
        var chosen = matters.Length == 0 ? [.. Matters.All] : matters;
        var set = EnumSet<Matter>.Of(chosen);
        return new ApplicationRequest
        {
            IdentityNumber = identity ?? Identities.Next(),
            Facts = new ApplicantFacts { EmploymentForm = EmploymentForm.OtherFlexibleEmployment },
            Channel = channel,
            CountyCode = "530102",
            Matters = chosen,
            Materials = [.. MaterialRules.Required(set, channel).Select(m => new ProvidedMaterial(m, m switch
            {
                Material.IdPhoto => MaterialSource.Upload,
                _ when channel == Channel.Window => MaterialSource.PaperOriginal,
                _ => MaterialSource.Upload,
            }))],
            ContributionBase = set.Contains(Matter.PremiumDeclaration) ? 5000m : null,
            PaymentCycle = set.Contains(Matter.PremiumDeclaration) ? PaymentCycle.Monthly : null,
            PledgeVersion = "2026-01",
            ApplicantName = "张三",
        };
    }

    public static string NewRequestId() => Guid.NewGuid().ToString("N");

    public static IApplicantGrain Applicant(this IGrainFactory grains, string identity) =>
        grains.GetGrain<IApplicantGrain>(Keys.For(IdentityNumber.Parse(identity, BeijingTime.DateOf(DateTimeOffset.UtcNow)).Value!));

    public static async Task<Application> SubmitAsync(this IGrainFactory grains, ApplicationRequest request)
    {
        var result = await grains.Applicant(request.IdentityNumber!).Submit(new SubmitApplication(NewRequestId(), request));
        Assert.True(result.IsOk, string.Join("; ", result.Refusals));
        return result.Application!;
    }

    /// <summary>Claims then completes (or rejects) a matter as its department, asserting each step succeeds.</summary>
    public static async Task<Application> HandleAsync(this IGrainFactory grains, ApplicationNumber number, Matter matter, bool reject = false)
    {
        var grain = grains.Application(number);
        var department = Matters.DepartmentOf(matter);
        var claimed = await grain.Claim(new ClaimMatter(NewRequestId(), matter, department, "clerk-1"));
        Assert.True(claimed.IsOk, string.Join("; ", claimed.Refusals));
        var done = reject
            ? await grain.Reject(new RejectMatter(NewRequestId(), matter, department, "不符合条件 / not eligible"))
            : await grain.Complete(new CompleteMatter(NewRequestId(), matter, department, new MatterResult("NO-" + (int)matter, ["doc"])));
        Assert.True(done.IsOk, string.Join("; ", done.Refusals));
        return done.Application!;
    }
}
