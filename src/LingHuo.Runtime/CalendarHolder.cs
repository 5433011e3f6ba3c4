using LingHuo.Domain.Calendar;

namespace LingHuo.Runtime;

/// <summary>
/// The working-day calendar in use. Immutable snapshots are swapped atomically, so a year loaded while running is seen
/// by every later computation and never half-applied.
/// </summary>
public sealed class CalendarHolder
{
    private readonly Lock _gate = new();
    private volatile WorkingDayCalendar _current = WorkingDayCalendar.Official;

    public WorkingDayCalendar Current => _current;

    public void Load(HolidaySchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        lock (_gate)
        {
            _current = _current.With(schedule);
        }
    }
}
