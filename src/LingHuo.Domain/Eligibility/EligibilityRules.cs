using System.Collections.Immutable;
using LingHuo.Domain.Catalog;
using LingHuo.Domain.Identity;

namespace LingHuo.Domain.Eligibility;

/// <summary>Who may apply (服务对象) and each matter's acceptance condition (受理条件).</summary>
public static class EligibilityRules
{
    public const int MinimumAge = 16;

    /// <summary>
    /// Every violated condition at once, in a stable order: the person first, then matter by matter. Without a valid
    /// identity number (<paramref name="birthDate"/> and <paramref name="gender"/> unknown) only the age rules wait;
    /// every other rule is still answered, so that one notice tells everything (一次告知).
    /// </summary>
    public static ImmutableArray<Refusal> Check(
        DateOnly? birthDate,
        Gender? gender,
        ApplicantFacts facts,
        EnumSet<Matter> matters,
        DateOnly acceptanceDate,
        RetirementGroup defaultFemaleGroup)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ImmutableArray<Refusal>.Builder? refusals = null;
        void Add(Refusal refusal) => (refusals ??= ImmutableArray.CreateBuilder<Refusal>()).Add(refusal);

        if (birthDate is { } born && acceptanceDate < born.AddYears(MinimumAge))
        {
            Add(Refusals.UnderMinimumAge());
        }

        if (facts.IsFullTimeStudent)
        {
            Add(Refusals.FullTimeStudent());
        }

        if (gender is { } sex)
        {
            if (facts.DeclaredRetirementGroup is { } declared && !Fits(declared, sex))
            {
                Add(Refusals.RetirementGroupMismatch(declared));
            }
            else if (birthDate is { } birth)
            {
                var group = RetirementAge.GroupOf(sex, facts.DeclaredRetirementGroup, defaultFemaleGroup);
                if (acceptanceDate >= RetirementAge.RetirementDate(birth, group))
                {
                    Add(Refusals.RetirementAgeReached());
                }
            }
        }

        if (matters.Contains(Matter.SocialSecurityCard) && facts.HasSocialSecurityCardInYunnan)
        {
            Add(Refusals.SocialSecurityCardAlreadyIssued());
        }

        if (matters.Contains(Matter.MedicalInsurance) && facts.HasEmployerMedicalInsurance)
        {
            Add(Refusals.EmployerMedicalInsured());
        }

        foreach (var matter in matters.Intersect(EnumSet<Matter>.Of(Matter.EmploymentRegistration, Matter.EmploymentCertificate)))
        {
            if (facts.EmploymentForm is not (EmploymentForm.SelfEmployedOperator or EmploymentForm.OtherFlexibleEmployment))
            {
                Add(Refusals.NotFlexiblyEmployed(matter));
            }
        }

        if (matters.Contains(Matter.EmploymentCertificate) && facts.HasEmploymentCertificate)
        {
            Add(Refusals.EmploymentCertificateAlreadyIssued());
        }

        return refusals?.ToImmutable() ?? [];
    }

    private static bool Fits(RetirementGroup group, Gender gender) =>
        gender == Gender.Male ? group == RetirementGroup.Men60 : group is RetirementGroup.Women55 or RetirementGroup.Women50;
}
