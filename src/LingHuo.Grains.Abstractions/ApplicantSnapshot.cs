using System.Collections.Immutable;
using LingHuo.Domain.Cases;
using LingHuo.Domain.Eligibility;

namespace LingHuo.Grains.Abstractions;

[GenerateSerializer, Immutable, Alias("linghuo.ApplicantSnapshot")]
public sealed record ApplicantSnapshot(
    [property: Id(0)] ApplicantFacts Facts,
    [property: Id(1)] ImmutableArray<ApplicationNumber> Applications,
    [property: Id(2)] ApplicationNumber? LastOpened);
