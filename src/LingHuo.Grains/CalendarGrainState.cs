using System.Collections.Immutable;

namespace LingHuo.Grains;

public sealed record CalendarGrainState
{
    public long Version { get; init; }

    /// <summary>Each loaded year as its schedule JSON, by year.</summary>
    public ImmutableSortedDictionary<int, string> Years { get; init; } = ImmutableSortedDictionary<int, string>.Empty;
}
