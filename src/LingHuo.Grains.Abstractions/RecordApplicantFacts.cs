using LingHuo.Domain;
using LingHuo.Domain.Eligibility;

namespace LingHuo.Grains.Abstractions;

/// <summary>Facts a department records of a person, and facts it clears (no longer so).</summary>
[GenerateSerializer, Immutable, Alias("linghuo.RecordApplicantFacts")]
public sealed record RecordApplicantFacts(
    [property: Id(0)] string RequestId,
    [property: Id(1)] ApplicantFacts Facts,
    [property: Id(2)] EnumSet<ApplicantFact> Cleared = default);
