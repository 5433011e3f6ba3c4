using System.Collections.Immutable;
using LingHuo.Domain.Catalog;
using LingHuo.Domain.Identity;
using LingHuo.Domain.Premiums;

namespace LingHuo.Domain.Intake;

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
