using System.Collections.Immutable;
using LingHuo.Domain.Cases;
using LingHuo.Domain.Catalog;

namespace LingHuo.Grains.Abstractions;

/// <summary>A department returns its claimed matter for the applicant to supplement (时限中止).</summary>
[GenerateSerializer, Immutable, Alias("linghuo.ReturnMatterForSupplement")]
public sealed record ReturnMatterForSupplement(
    [property: Id(0)] string RequestId,
    [property: Id(1)] Matter Matter,
    [property: Id(2)] Department Department,
    [property: Id(3)] ImmutableArray<SupplementItem> Items,
    [property: Id(4)] Actor Actor);
