using System.Collections.Immutable;
using LingHuo.Domain;
using LingHuo.Domain.Calendar;
using LingHuo.Grains.Abstractions;
using LingHuo.Runtime;
using Microsoft.Extensions.Logging;

namespace LingHuo.Grains;

public sealed class CalendarGrain(
    [PersistentState("calendar", StorageNames.Cases)] IPersistentState<CalendarGrainState> state,
    CalendarHolder calendar,
    ILogger<CalendarGrain> logger)
    : Grain, ICalendarGrain
{
    public async Task<ImmutableArray<Refusal>> Load(string scheduleJson)
    {
        var parsed = HolidaySchedule.ParseJson(scheduleJson);
        if (!parsed.TryGetValue(out var schedules))
        {
            return parsed.Refusals;
        }

        var previous = state.State;
        state.State = previous with
        {
            Version = previous.Version + 1,
            Years = previous.Years.SetItems(schedules.Select(s => KeyValuePair.Create(s.Year, s.ToJson()))),
        };
        await state.WriteOrRestoreAsync(previous, DeactivateOnIdle, logger, "the holiday schedules");
        foreach (var schedule in schedules)
        {
            calendar.Load(schedule);
        }

        return [];
    }

    public Task<LoadedSchedules> Get() => Task.FromResult(new LoadedSchedules(state.State.Version, [.. state.State.Years.Values]));
}
