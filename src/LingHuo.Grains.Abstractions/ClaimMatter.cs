using LingHuo.Domain.Cases;
using LingHuo.Domain.Catalog;

namespace LingHuo.Grains.Abstractions;

[GenerateSerializer, Immutable, Alias("linghuo.ClaimMatter")]
public sealed record ClaimMatter(
    [property: Id(0)] string RequestId,
    [property: Id(1)] Matter Matter,
    [property: Id(2)] Department Department,
    [property: Id(3)] string Handler,
    [property: Id(4)] Actor? Actor = null);
