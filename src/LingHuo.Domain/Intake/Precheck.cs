using System.Collections.Immutable;
using LingHuo.Domain.Catalog;
using LingHuo.Domain.Divisions;
using LingHuo.Domain.Eligibility;
using LingHuo.Domain.Identity;
using LingHuo.Domain.Premiums;

namespace LingHuo.Domain.Intake;

/// <summary>
/// The pre-acceptance check (预受理): identity, county, matters, materials, eligibility, prerequisites and the contribution
/// base, answered in one pass with every violated condition (一次告知). It creates nothing.
/// </summary>
public static class Precheck
{
    public static PrecheckResult Evaluate(ApplicationRequest request, DateOnly acceptanceDate, CasePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(policy);
        var refusals = ImmutableArray.CreateBuilder<Refusal>();

        var identity = IdentityNumber.Parse(request.IdentityNumber, acceptanceDate);
        refusals.AddRange(identity.Refusals);

        var channelKnown = MaterialRules.IsDefined(request.Channel);
        if (!channelKnown)
        {
            refusals.Add(Refusals.ChannelUnknown((int)request.Channel));
        }

        if (DivisionCode.County(request.CountyCode, policy.Province) is null)
        {
            refusals.Add(Refusals.CountyCodeInvalid(policy.Province));
        }

        var matters = ChosenMatters(request.Matters, refusals);
        var facts = request.Facts ?? ApplicantFacts.None;

        // Materials can only be judged against a known channel and at least one valid matter.
        MaterialChecklist? checklist = null;
        if (channelKnown && !matters.IsEmpty)
        {
            var materials = MaterialRules.Check(matters, request.Channel, request.Materials, form: facts.EmploymentForm);
            refusals.AddRange(materials.Refusals);
            checklist = materials.IsOk ? materials.Value : null;
        }

        // Rules that need the birth date or gender wait for a valid number; all others are answered now.
        var person = identity.IsOk ? identity.Value : null;
        refusals.AddRange(EligibilityRules.Check(person?.BirthDate, person?.Gender, facts, matters, acceptanceDate, policy.DefaultFemaleRetirementGroup));

        if (checklist is not null)
        {
            refusals.AddRange(policy.Prerequisites.CheckChoice(matters, checklist.ProvidedSet, facts));
            foreach (var missing in checklist.Missing)
            {
                refusals.Add(Refusals.MaterialMissing(missing));
            }
        }

        if (string.IsNullOrWhiteSpace(request.ApplicantName))
        {
            refusals.Add(Refusals.Required("applicantName", TextField.ApplicantName.NameZh, TextField.ApplicantName.NameEn));
        }
        else if (TextField.ApplicantName.Check(request.ApplicantName, "applicantName") is { } badName)
        {
            refusals.Add(badName);
        }

        if (request.ContactPhone is { Length: > 0 } phone && !(phone.Length == 11 && phone[0] == '1' && phone.All(char.IsAsciiDigit)))
        {
            refusals.Add(Refusals.InvalidValue("contactPhone", "手机号码", "mobile number", "以 1 开头的 11 位半角数字", "11 ASCII digits starting with 1"));
        }

        // 申请人承诺: every submission carries the truthfulness pledge, by the version of its text the applicant agreed to.
        if (string.IsNullOrWhiteSpace(request.PledgeVersion))
        {
            refusals.Add(Refusals.Required("pledge", "申请人承诺（如实填报、对材料真实性负责）", "applicant's truthfulness pledge"));
        }
        else if (TextField.PledgeVersion.Check(request.PledgeVersion, "pledge.version") is { } badPledge)
        {
            refusals.Add(badPledge);
        }

        var premium = CheckPremium(request, matters, policy.Premiums, refusals);
        if (request.Delivery is { } delivery)
        {
            refusals.AddRange(delivery.Check());
        }

        return new PrecheckResult(person, matters, checklist, premium, refusals.DrainToImmutable());
    }

    private static EnumSet<Matter> ChosenMatters(IReadOnlyList<Matter>? chosen, ImmutableArray<Refusal>.Builder refusals)
    {
        if (chosen is not { Count: > 0 })
        {
            refusals.Add(Refusals.Required("matters", "办理事项", "chosen matters"));
            return EnumSet<Matter>.Empty;
        }

        var set = EnumSet<Matter>.Empty;
        for (var i = 0; i < chosen.Count; i++)
        {
            var matter = chosen[i];
            if (!Catalog.Matters.IsDefined(matter))
            {
                refusals.Add(Refusals.MatterUnknown($"matters[{i}]", (int)matter));
            }
            else if (set.Contains(matter))
            {
                refusals.Add(Refusals.MatterDuplicate($"matters[{i}]", matter));
            }
            else
            {
                set = set.Add(matter);
            }
        }

        return set;
    }

    private static PremiumEstimate? CheckPremium(ApplicationRequest request, EnumSet<Matter> matters, PremiumPolicy premiums, ImmutableArray<Refusal>.Builder refusals)
    {
        var required = matters.Contains(Matter.PremiumDeclaration);
        if (request.ContributionBase is not { } contributionBase)
        {
            if (required)
            {
                refusals.Add(Refusals.Required("contributionBase", "缴费基数", "contribution base"));
            }

            return null;
        }

        if (request.PaymentCycle is not { } cycle)
        {
            refusals.Add(Refusals.Required("paymentCycle", "缴费周期", "payment cycle"));
            return null;
        }

        var estimate = premiums.Estimate(contributionBase, cycle);
        refusals.AddRange(estimate.Refusals);
        return estimate.IsOk ? estimate.Value : null;
    }
}
