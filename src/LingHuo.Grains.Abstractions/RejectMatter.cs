using LingHuo.Domain.Cases;
using LingHuo.Domain.Catalog;

namespace LingHuo.Grains.Abstractions;

[GenerateSerializer, Immutable, Alias("linghuo.RejectMatter")]
public sealed record RejectMatter(
    [property: Id(0)] string RequestId,
    [property: Id(1)] Matter Matter,
    [property: Id(2)] Department Department,
    [property: Id(3)] string Reason,
    [property: Id(4)] Actor? Actor = null);
