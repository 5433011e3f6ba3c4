using LingHuo.Domain.Eligibility;

namespace LingHuo.Grains.Abstractions;

[GenerateSerializer, Immutable, Alias("linghuo.RecordApplicantFacts")]
public sealed record RecordApplicantFacts(
    [property: Id(0)] string RequestId,
    [property: Id(1)] ApplicantFacts Facts);
