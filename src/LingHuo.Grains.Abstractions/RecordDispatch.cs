using LingHuo.Domain;
using LingHuo.Domain.Cases;
using LingHuo.Domain.Catalog;

namespace LingHuo.Grains.Abstractions;

/// <summary>寄递, by a clerk of the application's county: the results (none named: all awaiting) handed to a carrier.</summary>
[GenerateSerializer, Immutable, Alias("linghuo.RecordDispatch")]
public sealed record RecordDispatch(
    [property: Id(0)] string RequestId,
    [property: Id(1)] EnumSet<Matter> Matters,
    [property: Id(2)] string Carrier,
    [property: Id(3)] string Waybill,
    [property: Id(4)] Actor Actor);
