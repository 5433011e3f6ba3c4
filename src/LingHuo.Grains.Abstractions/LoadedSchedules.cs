using System.Collections.Immutable;

namespace LingHuo.Grains.Abstractions;

[GenerateSerializer, Immutable, Alias("linghuo.LoadedSchedules")]
public sealed record LoadedSchedules(
    [property: Id(0)] long Version,
    [property: Id(1)] ImmutableArray<string> Schedules);
