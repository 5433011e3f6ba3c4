using LingHuo.Domain.Cases;

namespace LingHuo.Grains.Abstractions;

/// <summary>整改, by a clerk of the application's county: what was done about a bad review; closes its ticket.</summary>
[GenerateSerializer, Immutable, Alias("linghuo.RespondToRating")]
public sealed record RespondToRating(
    [property: Id(0)] string RequestId,
    [property: Id(1)] string Response,
    [property: Id(2)] Actor Actor);
