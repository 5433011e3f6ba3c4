using System.Collections.Immutable;
using LingHuo.Domain.Cases;

namespace LingHuo.Grains.Abstractions;

/// <summary>好差评, by the applicant, once, after closure.</summary>
[GenerateSerializer, Immutable, Alias("linghuo.RateService")]
public sealed record RateService(
    [property: Id(0)] string RequestId,
    [property: Id(1)] RatingLevel Level,
    [property: Id(2)] ImmutableArray<string> Tags,
    [property: Id(3)] string? Comment,
    [property: Id(4)] Actor Actor);
