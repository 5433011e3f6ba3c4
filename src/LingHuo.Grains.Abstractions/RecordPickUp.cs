using LingHuo.Domain;
using LingHuo.Domain.Cases;
using LingHuo.Domain.Catalog;

namespace LingHuo.Grains.Abstractions;

/// <summary>领取, by a clerk of the application's county: who collected the results (none named: all awaiting), identity checked.</summary>
[GenerateSerializer, Immutable, Alias("linghuo.RecordPickUp")]
public sealed record RecordPickUp(
    [property: Id(0)] string RequestId,
    [property: Id(1)] EnumSet<Matter> Matters,
    [property: Id(2)] string CollectedBy,
    [property: Id(3)] bool IdentityChecked,
    [property: Id(4)] Actor Actor);
