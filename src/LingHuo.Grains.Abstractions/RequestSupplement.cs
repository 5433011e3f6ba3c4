using System.Collections.Immutable;
using LingHuo.Domain.Cases;

namespace LingHuo.Grains.Abstractions;

/// <summary>补正告知, by a clerk of the application's county: every material to supplement, each with its reason.</summary>
[GenerateSerializer, Immutable, Alias("linghuo.RequestSupplement")]
public sealed record RequestSupplement(
    [property: Id(0)] string RequestId,
    [property: Id(1)] ImmutableArray<SupplementItem> Items,
    [property: Id(2)] Actor Actor);
