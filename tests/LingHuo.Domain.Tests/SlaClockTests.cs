using LingHuo.Domain.Calendar;
using LingHuo.Domain.Cases;

namespace LingHuo.Domain.Tests;

public sealed class SlaClockTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private static readonly SlaClock Clock = SlaClock.Start(new DateTimeOffset(2026, 9, 30, 10, 0, 0, Beijing), WorkingDayCalendar.Official, CasePolicy.Default);

    [Fact]
    public void Start_GivesTheCommittedAndStatutoryDeadlines()
    {
        Assert.Equal(new DateOnly(2026, 10, 9), Clock.Committed.Day);
        Assert.Equal(new DateOnly(2026, 11, 2), Clock.Statutory.Day);
        Assert.False(Clock.IsProvisional);
    }

    [Theory]
    [InlineData("2026-10-08T23:59:59+08:00", SlaState.OnTime)]
    [InlineData("2026-10-09T00:00:00+08:00", SlaState.DueSoon)]
    [InlineData("2026-10-09T23:59:59+08:00", SlaState.DueSoon)]
    [InlineData("2026-10-10T00:00:00+08:00", SlaState.Breached)]
    public void CommittedState_DueSoonOnTheFinalWorkingDay_BreachedAfterIt(string now, SlaState state) =>
        Assert.Equal(state, Clock.CommittedState(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2026-10-12T09:00:00+08:00", SlaState.OnTime, SlaState.Breached)]
    [InlineData("2026-11-02T09:00:00+08:00", SlaState.DueSoon, SlaState.Breached)]
    [InlineData("2026-11-03T00:00:00+08:00", SlaState.Breached, SlaState.Breached)]
    public void StateAt_IsTheWorseOfTheTwo(string now, SlaState statutory, SlaState overall)
    {
        var instant = DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(statutory, Clock.StatutoryState(instant));
        Assert.Equal(overall, Clock.StateAt(instant));
    }

    [Fact]
    public void AlertsDue_GrowsWithTime()
    {
        Assert.True(Clock.AlertsDue(Clock.AcceptedAt).IsEmpty);
        Assert.Equal(EnumSet<SlaAlert>.Of(SlaAlert.CommittedDueSoon), Clock.AlertsDue(Clock.Committed.DueSoonFrom));
        Assert.Equal(EnumSet<SlaAlert>.Of(SlaAlert.CommittedDueSoon, SlaAlert.CommittedBreached), Clock.AlertsDue(Clock.Committed.At));
        Assert.Equal(4, Clock.AlertsDue(Clock.Statutory.At).Count);
    }

    [Theory]
    [InlineData(SlaAlert.CommittedDueSoon, "2026-10-09T00:00:00+08:00")]
    [InlineData(SlaAlert.CommittedBreached, "2026-10-10T00:00:00+08:00")]
    [InlineData(SlaAlert.StatutoryDueSoon, "2026-11-02T00:00:00+08:00")]
    [InlineData(SlaAlert.StatutoryBreached, "2026-11-03T00:00:00+08:00")]
    public void DueAt_IsWhenEachAlertFires(SlaAlert alert, string at) =>
        Assert.Equal(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture), Clock.DueAt(alert));

    [Fact]
    public void Start_AcrossAnUnscheduledYear_IsProvisional() =>
        Assert.True(SlaClock.Start(new DateTimeOffset(2026, 12, 20, 10, 0, 0, Beijing), WorkingDayCalendar.Official, CasePolicy.Default).IsProvisional);
}
