using System.Collections.Immutable;
using LingHuo.Domain;
using LingHuo.Domain.Calendar;
using LingHuo.Grains.Abstractions;
using LingHuo.Runtime;
using Microsoft.Extensions.Logging;

namespace LingHuo.Grains;

public sealed record CalendarGrainState
{
    public long Version { get; init; }

    /// <summary>Each loaded year as its schedule JSON, by year.</summary>
    public ImmutableSortedDictionary<int, string> Years { get; init; } = ImmutableSortedDictionary<int, string>.Empty;
}
