using LingHuo.Domain.Catalog;
using LingHuo.Domain.Eligibility;
using LingHuo.Domain.Intake;
using LingHuo.Domain.Premiums;

namespace LingHuo.Domain.Tests;

/// <summary>Well-formed requests that tests change one thing at a time.</summary>
internal static class Samples
{
    public static readonly DateOnly Today = new(2026, 11, 30);

    public static ApplicationRequest AllNineOnline(string? identity = null) => new()
    {
        IdentityNumber = identity ?? Ids.Resident("1990-05-17"),
        Facts = new ApplicantFacts { EmploymentForm = EmploymentForm.OtherFlexibleEmployment },
        Channel = Channel.Online,
        CountyCode = "530102",
        Matters = Matters.All,
        Materials =
        [
            new(Material.ApplicationForm, MaterialSource.Upload),
            new(Material.IdentityDocument, MaterialSource.DataSharing),
            new(Material.IdPhoto, MaterialSource.Upload),
            new(Material.BusinessLicence, MaterialSource.DataSharing),
        ],
        ContributionBase = 5000m,
        PaymentCycle = PaymentCycle.Monthly,
        PledgeVersion = "2026-01",
        ApplicantName = "张三",
    };

    /// <summary>Only the matters given, with exactly the materials they require online.</summary>
    public static ApplicationRequest Online(params Matter[] matters)
    {
        var set = EnumSet<Matter>.Of(matters);
        return AllNineOnline() with
        {
            Matters = matters,
            Materials = [.. MaterialRules.Required(set, Channel.Online).Select(m => new ProvidedMaterial(m, MaterialSource.Upload))],
            ContributionBase = set.Contains(Matter.PremiumDeclaration) ? 5000m : null,
        };
    }

    public static ApplicationRequest AllNineAtWindow() => AllNineOnline() with
    {
        Channel = Channel.Window,
        Materials =
        [
            new(Material.ApplicationForm, MaterialSource.PaperOriginal),
            new(Material.IdentityDocument, MaterialSource.PaperOriginal),
            new(Material.IdPhoto, MaterialSource.Upload),
            new(Material.InsuranceProof, MaterialSource.PaperOriginal),
        ],
    };
}
