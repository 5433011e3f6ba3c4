using LingHuo.Domain.Catalog;
using LingHuo.Domain.Divisions;
using LingHuo.Domain.Eligibility;
using LingHuo.Domain.Premiums;

namespace LingHuo.Domain;

/// <summary>
/// Every rule of the service that is a policy rather than law of nature, with the defaults of DOMAIN.md. Hosts bind it
/// from configuration and must call <see cref="Validate"/>.
/// </summary>
public sealed record CasePolicy
{
    public PrerequisitePolicy Prerequisites { get; init; } = PrerequisitePolicy.Default;

    /// <summary>Which original group a woman belongs to unless she declares otherwise (differs between provinces).</summary>
    public RetirementGroup DefaultFemaleRetirementGroup { get; init; } = RetirementGroup.Women55;

    public int CommittedWorkingDays { get; init; } = 2;

    public int StatutoryWorkingDays { get; init; } = 19;

    /// <summary>
    /// Time allowed to answer a supplement notice (补正告知). The guide sets none; 5 working days is common practice and an
    /// assumption until the province says otherwise.
    /// </summary>
    public int SupplementWorkingDays { get; init; } = 5;

    /// <summary>
    /// Time a county has to decide on a received application (accept, refuse, or tell everything to supplement): 5
    /// working days by the Administrative Licensing Law (Art. 32); when it passes, the application is deemed accepted
    /// on the day it was received.
    /// </summary>
    public int ReviewWorkingDays { get; init; } = 5;

    /// <summary>
    /// 好差评: a default 满意 recorded this many working days after closure when the applicant has not rated; 0 (the
    /// default) records none. Some provinces use 5.
    /// </summary>
    public int DefaultRatingWorkingDays { get; init; }

    /// <summary>Time the county office has to answer a bad review (整改); localities use 5 to 15 working days.</summary>
    public int RectificationWorkingDays { get; init; } = 15;

    public PremiumPolicy Premiums { get; init; } = PremiumPolicy.Default;

    /// <summary>The province whose counties this deployment serves: its two-digit division code (53, Yunnan).</summary>
    public string ProvinceCode { get; init; } = "53";

    public DivisionCode Province => DivisionCode.Parse(ProvinceCode);

    public static CasePolicy Default { get; } = new();

    public Result<CasePolicy> Validate()
    {
        if (CommittedWorkingDays < 1 || StatutoryWorkingDays < CommittedWorkingDays || SupplementWorkingDays < 1 || ReviewWorkingDays < 1
            || DefaultRatingWorkingDays < 0 || RectificationWorkingDays < 1)
        {
            return Refusals.PolicyInvalid("working-day limits must be positive (the default rating's may be 0, off) and the committed limit within the statutory one");
        }

        if (DefaultFemaleRetirementGroup is not (RetirementGroup.Women55 or RetirementGroup.Women50))
        {
            return Refusals.PolicyInvalid("the default female retirement group must be Women55 or Women50");
        }

        if (!DivisionCode.TryParse(ProvinceCode, out var province) || province.Value.Length != DivisionCode.MinLength)
        {
            return Refusals.PolicyInvalid("the province code must be two digits, such as 53");
        }

        var premiums = Premiums.Validate();
        return premiums.IsOk ? this : Result<CasePolicy>.Refused(premiums.Refusals);
    }
}
