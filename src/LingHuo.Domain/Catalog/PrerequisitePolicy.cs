using System.Collections.Immutable;
using LingHuo.Domain.Eligibility;
using LingHuo.Domain.Intake;

namespace LingHuo.Domain.Catalog;

/// <summary>
/// The prerequisite graph (DOMAIN §2), a policy: operators may configure other rules, which are checked to be acyclic.
/// A prerequisite is also satisfied in advance when the applicant's facts show it done (for example, existing
/// contribution records satisfy the premium declaration that matters 6 and 7 wait for).
/// </summary>
public sealed class PrerequisitePolicy
{
    private readonly ImmutableArray<PrerequisiteRule>[] _byMatter;

    private PrerequisitePolicy(ImmutableArray<PrerequisiteRule> rules)
    {
        Rules = rules;
        _byMatter = new ImmutableArray<PrerequisiteRule>[10];
        foreach (var matter in Matters.All)
        {
            _byMatter[(int)matter] = [.. rules.Where(r => r.Matter == matter)];
        }
    }

    public ImmutableArray<PrerequisiteRule> Rules { get; }

    public static PrerequisitePolicy Default { get; } = Create(
    [
        new(Matter.PersonnelFile, Matter.SocialInsuranceRegistration, WaivedBy: Material.InsuranceProof),
        new(Matter.SocialSecurityCard, Matter.SocialInsuranceRegistration),
        new(Matter.PremiumDeclaration, Matter.SocialInsuranceRegistration),
        new(Matter.PremiumDeclaration, Matter.MedicalInsurance),
        new(Matter.RightsRecordQuery, Matter.PremiumDeclaration),
        new(Matter.ParticipationCertificate, Matter.PremiumDeclaration),
        new(Matter.EmploymentCertificate, Matter.EmploymentRegistration),
    ]).Value!;

    public static Result<PrerequisitePolicy> Create(IReadOnlyList<PrerequisiteRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        foreach (var rule in rules)
        {
            if (!Matters.IsDefined(rule.Matter) || !Matters.IsDefined(rule.Requires) || rule.Matter == rule.Requires
                || (rule.WaivedBy is { } material && !MaterialRules.IsDefined(material)))
            {
                return Refusals.PolicyInvalid($"prerequisite rule {rule} is not well formed");
            }
        }

        var policy = new PrerequisitePolicy([.. rules]);
        return policy.HasCycle() ? Refusals.PolicyInvalid("the prerequisite rules form a cycle") : policy;
    }

    /// <summary>
    /// The prerequisites a matter still waits for within this application: binding ones that the facts do not already
    /// satisfy. Such a prerequisite must be among the chosen matters, or the choice is refused.
    /// </summary>
    public EnumSet<Matter> Pending(Matter matter, EnumSet<Material> provided, ApplicantFacts facts)
    {
        var pending = EnumSet<Matter>.Empty;
        foreach (var rule in _byMatter[(int)matter])
        {
            var waived = rule.WaivedBy is { } waiver && provided.Contains(waiver);
            if (!waived && !IsAlreadySatisfied(rule.Requires, facts))
            {
                pending = pending.Add(rule.Requires);
            }
        }

        return pending;
    }

    /// <summary>Checks that every chosen matter's pending prerequisites are chosen too.</summary>
    public ImmutableArray<Refusal> CheckChoice(EnumSet<Matter> chosen, EnumSet<Material> provided, ApplicantFacts facts)
    {
        ImmutableArray<Refusal>.Builder? refusals = null;
        foreach (var matter in chosen)
        {
            foreach (var missing in Pending(matter, provided, facts).Except(chosen))
            {
                (refusals ??= ImmutableArray.CreateBuilder<Refusal>()).Add(Refusals.MatterPrerequisiteMissing(matter, missing));
            }
        }

        return refusals?.ToImmutable() ?? [];
    }

    public static bool IsAlreadySatisfied(Matter matter, ApplicantFacts facts) => matter switch
    {
        Matter.SocialInsuranceRegistration => facts.HasSocialInsuranceRegistration,
        Matter.MedicalInsurance => facts.HasFlexibleMedicalEnrollment,
        Matter.PremiumDeclaration => facts.HasContributionRecords,
        Matter.EmploymentRegistration => facts.HasEmploymentRegistration,
        _ => false,
    };

    private bool HasCycle()
    {
        // Depth-first search with colours: 0 unvisited, 1 on the path, 2 done.
        var colour = new int[10];
        return Matters.All.Any(m => Visit(m, colour));

        bool Visit(Matter matter, int[] colour)
        {
            if (colour[(int)matter] != 0)
            {
                return colour[(int)matter] == 1;
            }

            colour[(int)matter] = 1;
            foreach (var rule in _byMatter[(int)matter])
            {
                if (Visit(rule.Requires, colour))
                {
                    return true;
                }
            }

            colour[(int)matter] = 2;
            return false;
        }
    }
}
