using LingHuo.Domain.Cases;

namespace LingHuo.Grains.Abstractions;

/// <summary>受理, by a clerk of the application's county.</summary>
[GenerateSerializer, Immutable, Alias("linghuo.AcceptApplication")]
public sealed record AcceptApplication(
    [property: Id(0)] string RequestId,
    [property: Id(1)] Actor Actor);
