using System.Collections.Immutable;
using LingHuo.Domain.Cases;
using LingHuo.Domain.Intake;

namespace LingHuo.Grains.Abstractions;

[GenerateSerializer, Immutable, Alias("linghuo.SupplementMaterials")]
public sealed record SupplementMaterials(
    [property: Id(0)] string RequestId,
    [property: Id(1)] ImmutableArray<ProvidedMaterial> Materials,
    [property: Id(2)] Actor? Actor = null);
