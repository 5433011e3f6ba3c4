using LingHuo.Domain.Cases;

namespace LingHuo.Grains.Abstractions;

[GenerateSerializer, Immutable, Alias("linghuo.WithdrawApplication")]
public sealed record WithdrawApplication(
    [property: Id(0)] string RequestId,
    [property: Id(1)] string Reason,
    [property: Id(2)] Actor? Actor = null);
