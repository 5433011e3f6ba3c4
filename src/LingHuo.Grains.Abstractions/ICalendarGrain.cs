using System.Collections.Immutable;
using LingHuo.Domain;

namespace LingHuo.Grains.Abstractions;

/// <summary>
/// The holiday schedules loaded by operators while running, kept durably (key 0). Every silo's
/// calendar holder (LingHuo.Runtime) takes them from here at start and within a minute of a change.
/// </summary>
[Alias("linghuo.ICalendarGrain")]
public interface ICalendarGrain : IGrainWithIntegerKey
{
    /// <summary>Checks and keeps one or more years' schedules (JSON), or says every reason it cannot.</summary>
    [Alias("Load")]
    Task<ImmutableArray<Refusal>> Load(string scheduleJson);

    /// <summary>The loaded schedules as JSON, one per year, and a version that changes with every load.</summary>
    [Orleans.Concurrency.ReadOnly]
    [Alias("Get")]
    Task<LoadedSchedules> Get();
}
