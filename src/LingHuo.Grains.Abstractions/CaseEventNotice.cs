using LingHuo.Domain.Cases;

namespace LingHuo.Grains.Abstractions;

/// <summary>What a stream says of one event: enough to route it and to know what to read from the log.</summary>
[GenerateSerializer, Immutable, Alias("linghuo.CaseEventNotice")]
public sealed record CaseEventNotice(
    [property: Id(0)] ApplicationNumber ApplicationNumber,
    [property: Id(1)] long Sequence,
    [property: Id(2)] string Type,
    [property: Id(3)] string CountyCode);
