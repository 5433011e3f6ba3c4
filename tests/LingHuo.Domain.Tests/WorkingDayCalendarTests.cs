using System.Globalization;
using CsCheck;
using LingHuo.Domain.Calendar;

namespace LingHuo.Domain.Tests;

public sealed class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.Official;

    private static DateOnly D(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateTimeOffset Beijing(string date, int hour = 10) => BeijingTime.StartOf(D(date)).AddHours(hour);

    // DOMAIN §6 worked examples.
    [Theory]
    [InlineData("2026-09-30", 2, "2026-10-09")]
    [InlineData("2026-09-30", 19, "2026-11-02")]
    [InlineData("2026-02-13", 2, "2026-02-24")]
    public void Deadline_MatchesTheWorkedExamples(string accepted, int workingDays, string deadline)
    {
        var result = Calendar.DeadlineAfter(Beijing(accepted), workingDays);

        Assert.Equal(D(deadline), result.Day);
        Assert.False(result.IsProvisional);
    }

    [Fact]
    public void Deadline_IsMidnightBeijingTimeAtTheEndOfTheDay()
    {
        var deadline = Calendar.DeadlineAfter(Beijing("2026-09-30"), 2);

        Assert.Equal(new DateTimeOffset(2026, 10, 10, 0, 0, 0, TimeSpan.FromHours(8)), deadline.At);
        Assert.Equal(new DateTimeOffset(2026, 10, 9, 16, 0, 0, TimeSpan.Zero), deadline.At.ToUniversalTime());
        Assert.Equal(new DateTimeOffset(2026, 10, 9, 0, 0, 0, TimeSpan.FromHours(8)), deadline.DueSoonFrom);
    }

    [Fact]
    public void Deadline_CountsFromTheBeijingDateOfAcceptance()
    {
        // 2026-09-29 17:00 UTC is 2026-09-30 01:00 in Beijing.
        var deadline = Calendar.DeadlineAfter(new DateTimeOffset(2026, 9, 29, 17, 0, 0, TimeSpan.Zero), 2);

        Assert.Equal(D("2026-10-09"), deadline.Day);
    }

    [Theory]
    [InlineData("2026-10-01", false)] // National Day
    [InlineData("2026-10-07", false)]
    [InlineData("2026-10-08", true)]
    [InlineData("2026-10-10", true)]  // working Saturday
    [InlineData("2026-02-14", true)]  // working Saturday
    [InlineData("2026-02-28", true)]
    [InlineData("2026-02-23", false)] // Spring Festival Monday
    [InlineData("2026-01-04", true)]  // working Sunday
    [InlineData("2026-11-28", false)] // plain Saturday
    [InlineData("2026-11-30", true)]  // plain Monday
    [InlineData("2025-01-26", true)]
    [InlineData("2025-10-08", false)]
    [InlineData("2025-10-11", true)]
    [InlineData("2025-05-05", false)]
    public void IsWorkingDay_FollowsTheOfficialSchedules(string date, bool working) =>
        Assert.Equal(working, Calendar.IsWorkingDay(D(date)));

    [Fact]
    public void LoadedYears_Include2025And2026() => Assert.Equal([2025, 2026], Calendar.LoadedYears);

    [Fact]
    public void AddWorkingDays_Zero_IsTheStartItself() =>
        Assert.Equal(new WorkingDate(D("2026-10-01"), false), Calendar.AddWorkingDays(D("2026-10-01"), 0));

    [Fact]
    public void AddWorkingDays_IntoAnUnscheduledYear_IsProvisionalAndSkipsWeekendsOnly()
    {
        var result = Calendar.AddWorkingDays(D("2026-12-30"), 3);

        // 12-31 Thu (1), 2027-01-01 Fri (2: no 2027 schedule, so not a holiday), 01-04 Mon (3).
        Assert.Equal(new WorkingDate(D("2027-01-04"), true), result);
    }

    [Fact]
    public void AddWorkingDays_BeforeAnyScheduledYear_IsProvisional() =>
        Assert.True(Calendar.AddWorkingDays(D("2024-06-03"), 1).IsProvisional);

    [Fact]
    public void With_ANewYear_LoadedWhileRunning_EndsTheProvisionalFlag()
    {
        var schedule = HolidaySchedule.Create(2027, [(D("2027-01-01"), D("2027-01-03"))], [], "test").Value!;
        var calendar = Calendar.With(schedule);

        Assert.Equal(new WorkingDate(D("2027-01-05"), false), calendar.AddWorkingDays(D("2026-12-30"), 3));
        Assert.Equal([2025, 2026, 2027], calendar.LoadedYears);
        Assert.False(Calendar.IsScheduled(2027)); // the original instance is unchanged
    }

    [Fact]
    public void With_AGapYear_StaysProvisionalInTheGap()
    {
        var schedule = HolidaySchedule.Create(2028, [], [], "test").Value!;
        var calendar = Calendar.With(schedule);

        Assert.True(calendar.AddWorkingDays(D("2027-03-01"), 1).IsProvisional);
        Assert.False(calendar.AddWorkingDays(D("2028-03-01"), 1).IsProvisional);
    }

    [Fact]
    public void WorkingDaysBetween_CountsTheDaysAfterStartUpToEnd()
    {
        Assert.Equal(new WorkingDayCount(2, false), Calendar.WorkingDaysBetween(D("2026-09-30"), D("2026-10-09")));
        Assert.Equal(new WorkingDayCount(0, false), Calendar.WorkingDaysBetween(D("2026-09-30"), D("2026-10-07")));
        Assert.Equal(new WorkingDayCount(-2, false), Calendar.WorkingDaysBetween(D("2026-10-09"), D("2026-09-30")));
    }

    [Fact]
    public void AddWorkingDays_Negative_IsAProgrammingError() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.AddWorkingDays(D("2026-01-05"), -1));

    private static readonly Gen<DateOnly> Dates = Gen.Int[D("2024-10-01").DayNumber, D("2027-03-31").DayNumber].Select(DateOnly.FromDayNumber);

    [Fact]
    public void Property_DayNPlusOneIsAfterDayN() =>
        Gen.Select(Dates, Gen.Int[0, 60]).Sample((start, n) =>
            Calendar.AddWorkingDays(start, n + 1).Date > Calendar.AddWorkingDays(start, n).Date);

    [Fact]
    public void Property_AddingIsMonotoneInTheStart() =>
        Gen.Select(Dates, Gen.Int[0, 40], Gen.Int[0, 30]).Sample((start, later, n) =>
            Calendar.AddWorkingDays(start.AddDays(later), n).Date >= Calendar.AddWorkingDays(start, n).Date);

    [Fact]
    public void Property_DayNIsAWorkingDay_NeverAHolidayUnlessDesignated() =>
        Gen.Select(Dates, Gen.Int[1, 60]).Sample((start, n) =>
        {
            var day = Calendar.AddWorkingDays(start, n).Date;
            if (!Calendar.IsWorkingDay(day))
            {
                return false;
            }

            if (!Calendar.Schedules.TryGetValue(day.Year, out var schedule))
            {
                return day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
            }

            var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            return !schedule.Holidays.Contains(day) && (!weekend || schedule.WorkingWeekendDays.Contains(day));
        });

    [Fact]
    public void Property_CountingInvertsAdding() =>
        Gen.Select(Dates, Gen.Int[0, 60]).Sample((start, n) =>
            Calendar.WorkingDaysBetween(start, Calendar.AddWorkingDays(start, n).Date).Count == n);

    [Fact]
    public void Property_AddingSplitsAtAnyPoint() =>
        Gen.Select(Dates, Gen.Int[0, 30], Gen.Int[0, 30]).Sample((start, a, b) =>
            Calendar.AddWorkingDays(Calendar.AddWorkingDays(start, a).Date, b).Date == Calendar.AddWorkingDays(start, a + b).Date);

    [Fact]
    public void Property_ProvisionalExactlyWhenAnUnscheduledDayIsCrossed() =>
        Gen.Select(Dates, Gen.Int[1, 40]).Sample((start, n) =>
        {
            var result = Calendar.AddWorkingDays(start, n);
            var crossesUnscheduled = Enumerable.Range(1, result.Date.DayNumber - start.DayNumber)
                .Any(offset => !Calendar.IsScheduled(start.AddDays(offset).Year));
            return result.IsProvisional == crossesUnscheduled;
        });
    [Theory]
    [InlineData("1899-12-31")]
    [InlineData("2200-01-01")]
    [InlineData("9999-12-30")]
    [InlineData("0001-01-01")]
    public void DatesOutsideTheCalendarsRange_AreRefused_AndNeverOverflow(string date)
    {
        var day = D(date);

        Assert.Equal(RefusalCode.DateInvalid, WorkingDayCalendar.CheckRange(day, "start")?.Code);
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.AddWorkingDays(day, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.WorkingDaysBetween(D("2026-01-01"), day));
    }

    [Fact]
    public void TheRangesEnds_AreAnswered()
    {
        Assert.Null(WorkingDayCalendar.CheckRange(WorkingDayCalendar.Earliest, "start"));
        Assert.Null(WorkingDayCalendar.CheckRange(WorkingDayCalendar.Latest, "start"));
        Assert.True(Calendar.AddWorkingDays(WorkingDayCalendar.Latest, 3660).IsProvisional);
        Assert.Equal(D("1900-01-02"), Calendar.AddWorkingDays(WorkingDayCalendar.Earliest, 1).Date);
    }
}
