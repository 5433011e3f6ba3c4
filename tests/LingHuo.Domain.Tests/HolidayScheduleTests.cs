using LingHuo.Domain.Calendar;

namespace LingHuo.Domain.Tests;

public sealed class HolidayScheduleTests
{
    [Fact]
    public void ParseJson_OneYearObject_IsRead()
    {
        var result = HolidaySchedule.ParseJson("""
            {"year": 2027, "source": "test", "holidays": [["2027-01-01", "2027-01-02"]], "workingWeekendDays": ["2027-01-09"]}
            """);

        var schedule = Assert.Single(result.Value);
        Assert.Equal(2027, schedule.Year);
        Assert.Equal([new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 2)], schedule.Holidays);
        Assert.Equal([new DateOnly(2027, 1, 9)], schedule.WorkingWeekendDays);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("not json", "not a valid schedule")]
    [InlineData("""{"years": []}""", "no year")]
    [InlineData("""{"year": 1990, "holidays": []}""", "outside")]
    [InlineData("""{"year": 2027, "holidays": [["2026-12-31", "2027-01-01"]]}""", "not inside 2027")]
    [InlineData("""{"year": 2027, "holidays": [["2027-01-03", "2027-01-01"]]}""", "ends before it starts")]
    [InlineData("""{"year": 2027, "holidays": [["2027-01-01"]]}""", "[first, last]")]
    [InlineData("""{"year": 2027, "workingWeekendDays": ["2027-01-06"]}""", "not a weekend day")]
    [InlineData("""{"year": 2027, "holidays": [["2027-01-02", "2027-01-02"]], "workingWeekendDays": ["2027-01-02"]}""", "both a holiday and a working day")]
    [InlineData("""{"year": 2027, "holidays": [["2027-13-01", "2027-13-02"]]}""", "not a valid schedule")]
    [InlineData("""{"year": 2027, "holyday": []}""", "not a valid schedule")]
    [InlineData("""{"years": [{"year": 2027}, {"year": 2027}]}""", "appears twice")]
    public void ParseJson_BadSchedule_SaysWhy(string json, string reason)
    {
        var result = HolidaySchedule.ParseJson(json);

        var refusal = Assert.Single(result.Refusals);
        Assert.Equal(RefusalCode.CalendarScheduleInvalid, refusal.Code);
        Assert.Contains(reason, refusal.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void OfficialSchedule_2026_HasTheNoticesDays()
    {
        var schedule = WorkingDayCalendar.Official.Schedules[2026];

        Assert.Equal(3 + 9 + 3 + 5 + 3 + 3 + 7, schedule.Holidays.Count);
        Assert.Equal(6, schedule.WorkingWeekendDays.Count);
    }

    [Fact]
    public void OfficialSchedule_2025_HasTheNoticesDays()
    {
        var schedule = WorkingDayCalendar.Official.Schedules[2025];

        Assert.Equal(1 + 8 + 3 + 5 + 3 + 8, schedule.Holidays.Count);
        Assert.Equal(5, schedule.WorkingWeekendDays.Count);
    }
}

public sealed class HolidayScheduleJsonTests
{
    [Fact]
    public void ToJson_RoundTripsThroughParseJson()
    {
        var schedule = WorkingDayCalendar.Official.Schedules[2026];

        var again = Assert.Single(HolidaySchedule.ParseJson(schedule.ToJson()).Value);

        Assert.Equal(schedule.Holidays, again.Holidays);
        Assert.Equal(schedule.WorkingWeekendDays, again.WorkingWeekendDays);
        Assert.Equal(schedule.Source, again.Source);
        Assert.Contains("[\"2026-10-01\",\"2026-10-07\"]", schedule.ToJson(), StringComparison.Ordinal);
    }
}
