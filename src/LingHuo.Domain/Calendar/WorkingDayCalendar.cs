using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace LingHuo.Domain.Calendar;

/// <summary>
/// Working days (DOMAIN §6): Monday to Friday that are not official holidays, plus designated working weekend days.
/// Immutable; <see cref="With"/> gives a calendar with one more (or a replaced) year, so a new year's schedule can be
/// loaded while running by swapping the instance. A year with no schedule falls back to weekends only and every result
/// that relied on it is marked provisional.
/// </summary>
public sealed class WorkingDayCalendar
{
    private const byte Working = 1;
    private const byte Unscheduled = 2;

    // One byte a day from 1 January of the first loaded year to 31 December of the last: the hot path is an array read.
    private readonly byte[] _days;
    private readonly int _firstDayNumber;

    private WorkingDayCalendar(ImmutableSortedDictionary<int, HolidaySchedule> schedules)
    {
        Schedules = schedules;
        if (schedules.Count == 0)
        {
            _days = [];
            return;
        }

        var first = new DateOnly(schedules.Keys.First(), 1, 1);
        var end = new DateOnly(schedules.Keys.Last() + 1, 1, 1);
        _firstDayNumber = first.DayNumber;
        _days = new byte[end.DayNumber - first.DayNumber];
        for (var day = first; day < end; day = day.AddDays(1))
        {
            _days[day.DayNumber - _firstDayNumber] = schedules.TryGetValue(day.Year, out var schedule)
                ? (byte)(IsWorking(day, schedule) ? Working : 0)
                : (byte)((IsWeekday(day.DayNumber) ? Working : 0) | Unscheduled);
        }
    }

    /// <summary>
    /// The first and last dates that working-day arithmetic answers for. Far wider than any case needs, and far enough
    /// from the ends of <see cref="DateOnly"/> that no count or deadline can overflow.
    /// </summary>
    public static readonly DateOnly Earliest = new(1900, 1, 1);

    /// <inheritdoc cref="Earliest"/>
    public static readonly DateOnly Latest = new(2199, 12, 31);

    public ImmutableSortedDictionary<int, HolidaySchedule> Schedules { get; }

    public IEnumerable<int> LoadedYears => Schedules.Keys;

    public static WorkingDayCalendar Empty { get; } = new(ImmutableSortedDictionary<int, HolidaySchedule>.Empty);

    /// <summary>The schedules kept in the repository (2025 and 2026 at least).</summary>
    public static WorkingDayCalendar Official { get; } = LoadOfficial();

    public static WorkingDayCalendar From(IEnumerable<HolidaySchedule> schedules) =>
        new(schedules.ToImmutableSortedDictionary(s => s.Year, s => s));

    public WorkingDayCalendar With(HolidaySchedule schedule) => new(Schedules.SetItem(schedule.Year, schedule));

    public bool IsScheduled(int year) => Schedules.ContainsKey(year);

    /// <summary>A refusal of <paramref name="date"/> when it lies outside <see cref="Earliest"/>..<see cref="Latest"/>.</summary>
    public static Refusal? CheckRange(DateOnly date, string field) =>
        date < Earliest || date > Latest ? Refusals.DateOutOfRange(field, Earliest, Latest) : null;

    public bool IsWorkingDay(DateOnly date) => (Lookup(date.DayNumber) & Working) != 0;

    /// <summary>The date of working day <paramref name="n"/> after <paramref name="start"/> (which itself is not counted).</summary>
    public WorkingDate AddWorkingDays(DateOnly start, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        RequireInRange(start);
        var dayNumber = start.DayNumber;
        var flags = 0;
        while (n > 0)
        {
            var day = Lookup(++dayNumber);
            flags |= day;
            if ((day & Working) != 0)
            {
                n--;
            }
        }

        return new WorkingDate(DateOnly.FromDayNumber(dayNumber), (flags & Unscheduled) != 0);
    }

    /// <summary>
    /// How many working days lie after <paramref name="from"/> up to and including <paramref name="to"/>;
    /// negative when <paramref name="to"/> is earlier. The inverse of <see cref="AddWorkingDays"/>.
    /// </summary>
    public WorkingDayCount WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            var reverse = WorkingDaysBetween(to, from);
            return reverse with { Count = -reverse.Count };
        }

        RequireInRange(from);
        RequireInRange(to);
        var count = 0;
        var flags = 0;
        for (var dayNumber = from.DayNumber + 1; dayNumber <= to.DayNumber; dayNumber++)
        {
            var day = Lookup(dayNumber);
            flags |= day;
            count += day & Working;
        }

        return new WorkingDayCount(count, (flags & Unscheduled) != 0);
    }

    /// <summary>The deadline N working days after the Beijing-time day on which <paramref name="acceptedAt"/> falls.</summary>
    public Deadline DeadlineAfter(DateTimeOffset acceptedAt, int workingDays)
    {
        var (day, provisional) = AddWorkingDays(BeijingTime.DateOf(acceptedAt), workingDays);
        return new Deadline(day, provisional);
    }

    private byte Lookup(int dayNumber)
    {
        var index = dayNumber - _firstDayNumber;
        return (uint)index < (uint)_days.Length
            ? _days[index]
            : (byte)((IsWeekday(dayNumber) ? Working : 0) | Unscheduled);
    }

    private static void RequireInRange(DateOnly date, [CallerArgumentExpression(nameof(date))] string? name = null)
    {
        if (date < Earliest || date > Latest)
        {
            throw new ArgumentOutOfRangeException(name, date, $"Working-day arithmetic answers for {Earliest:yyyy-MM-dd}..{Latest:yyyy-MM-dd} only.");
        }
    }

    // DayNumber 0 (0001-01-01) was a Monday.
    private static bool IsWeekday(int dayNumber) => dayNumber % 7 < 5;

    private static bool IsWorking(DateOnly day, HolidaySchedule schedule) =>
        schedule.WorkingWeekendDays.Contains(day) || (IsWeekday(day.DayNumber) && !schedule.Holidays.Contains(day));

    private static WorkingDayCalendar LoadOfficial()
    {
        using var stream = typeof(WorkingDayCalendar).Assembly.GetManifestResourceStream("LingHuo.Domain.holidays.cn.json")
            ?? throw new InvalidOperationException("The embedded holiday schedule is missing from the build.");
        using var reader = new StreamReader(stream);
        var schedules = HolidaySchedule.ParseJson(reader.ReadToEnd());
        return schedules.TryGetValue(out var value)
            ? From(value)
            : throw new InvalidOperationException($"The embedded holiday schedule is invalid: {schedules.Refusals[0]}");
    }
}
