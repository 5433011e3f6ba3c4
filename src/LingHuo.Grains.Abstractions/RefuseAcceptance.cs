using System.Collections.Immutable;
using LingHuo.Domain.Cases;

namespace LingHuo.Grains.Abstractions;

/// <summary>不予受理, by a clerk of the application's county: the reasons and their legal basis.</summary>
[GenerateSerializer, Immutable, Alias("linghuo.RefuseAcceptance")]
public sealed record RefuseAcceptance(
    [property: Id(0)] string RequestId,
    [property: Id(1)] ImmutableArray<string> Reasons,
    [property: Id(2)] string LegalBasis,
    [property: Id(3)] Actor Actor);
