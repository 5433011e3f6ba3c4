using System.Collections.Immutable;
using LingHuo.Domain.Divisions;
using LingHuo.Domain.Eligibility;
using LingHuo.Domain.Identity;

namespace LingHuo.Domain;

/// <summary>What a portal or window clerk submits: one form, one set of materials (一表申请, 一套材料).</summary>
public sealed record ApplicationRequest
{
    public string? IdentityNumber { get; init; }

    public ApplicantFacts Facts { get; init; } = ApplicantFacts.None;

    public Channel Channel { get; init; }

    /// <summary>The handling county's 6-digit division code, e.g. 530102.</summary>
    public string? CountyCode { get; init; }

    public IReadOnlyList<Matter> Matters { get; init; } = [];

    public IReadOnlyList<ProvidedMaterial> Materials { get; init; } = [];

    /// <summary>Matter 5's monthly contribution base in yuan, required when it is chosen.</summary>
    public decimal? ContributionBase { get; init; }

    public PaymentCycle? PaymentCycle { get; init; }

    /// <summary>How the personnel-file result reaches the applicant; collected at the window when not given.</summary>
    public ResultDelivery? Delivery { get; init; }
}

public enum DeliveryMethod
{
    PickUp = 1,

    /// <summary>到付寄递: mailed, postage paid on delivery.</summary>
    MailCashOnDelivery = 2,
}

public sealed record ResultDelivery(DeliveryMethod Method, string? Recipient = null, string? Phone = null, string? Address = null, string? PostalCode = null)
{
    public static ResultDelivery PickUp { get; } = new(DeliveryMethod.PickUp);

    /// <summary>
    /// Mail needs a recipient, a phone number and an address; each missing or malformed one is a refusal. What is printed
    /// on the parcel is held to its text limits.
    /// </summary>
    public IEnumerable<Refusal> Check(string field = "delivery")
    {
        if (Method is not (DeliveryMethod.PickUp or DeliveryMethod.MailCashOnDelivery))
        {
            yield return Refusals.Required($"{field}.method", "结果送达方式", "result delivery method");
            yield break;
        }

        if (Method == DeliveryMethod.PickUp)
        {
            yield break;
        }

        if (Required(Recipient, $"{field}.recipient", TextField.Recipient) is { } recipient)
        {
            yield return recipient;
        }

        if (Required(Phone, $"{field}.phone", TextField.Phone) is { } phone)
        {
            yield return phone;
        }
        else if (Phone!.Length < 5 || !Phone.All(c => char.IsAsciiDigit(c) || c is '+' or '-' or ' '))
        {
            yield return Refusals.InvalidValue($"{field}.phone", "收件人电话", "recipient's phone number",
                "5–20 位半角数字，可含 + - 和空格", "5–20 ASCII digits, optionally with + - and spaces");
        }

        if (Required(Address, $"{field}.address", TextField.Address) is { } address)
        {
            yield return address;
        }

        if (!string.IsNullOrEmpty(PostalCode) && (PostalCode.Length != 6 || !PostalCode.All(char.IsAsciiDigit)))
        {
            yield return Refusals.InvalidValue($"{field}.postalCode", "邮政编码", "postal code", "6 位半角数字", "six ASCII digits");
        }
    }

    private static Refusal? Required(string? text, string field, TextField rules) =>
        string.IsNullOrWhiteSpace(text) ? Refusals.Required(field, rules.NameZh, rules.NameEn) : rules.Check(text, field);
}

public enum PrecheckVerdict
{
    /// <summary>Nothing blocks acceptance.</summary>
    Pass = 1,

    /// <summary>Only required materials are missing: a supplement notice (补正告知) lists them.</summary>
    SupplementRequired = 2,

    /// <summary>Something other than a missing material blocks it (不予受理, or malformed input).</summary>
    NotAccepted = 3,
}

/// <summary>The pre-check's answer: everything that would block the application, all at once.</summary>
public sealed record PrecheckResult(
    IdentityNumber? Identity,
    EnumSet<Matter> Matters,
    MaterialChecklist? Materials,
    PremiumEstimate? Premium,
    ImmutableArray<Refusal> Refusals)
{
    public PrecheckVerdict Verdict =>
        Refusals.IsEmpty ? PrecheckVerdict.Pass
        : Refusals.All(r => r.Code == RefusalCode.MaterialMissing) ? PrecheckVerdict.SupplementRequired
        : PrecheckVerdict.NotAccepted;
}

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
            var materials = MaterialRules.Check(matters, request.Channel, request.Materials);
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
            if (!Domain.Matters.IsDefined(matter))
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
