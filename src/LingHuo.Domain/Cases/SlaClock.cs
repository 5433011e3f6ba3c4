using LingHuo.Domain.Calendar;

namespace LingHuo.Domain.Cases;

/// <summary>The committed and statutory deadlines of an accepted application, and what they mean at a given instant.</summary>
public sealed record SlaClock(DateTimeOffset AcceptedAt, Deadline Committed, Deadline Statutory)
{
    private static readonly SlaAlert[] AllAlerts = Enum.GetValues<SlaAlert>();

    public static SlaClock Start(DateTimeOffset acceptedAt, WorkingDayCalendar calendar, CasePolicy policy) => new(
        acceptedAt,
        calendar.DeadlineAfter(acceptedAt, policy.CommittedWorkingDays),
        calendar.DeadlineAfter(acceptedAt, policy.StatutoryWorkingDays));

    /// <summary>时限中止: since when the clocks stand still (a department waits for the applicant); null while they run.</summary>
    public DateTimeOffset? PausedSince { get; init; }

    public bool IsProvisional => Committed.IsProvisional || Statutory.IsProvisional;

    /// <summary>Stops the clocks (already stopped: unchanged).</summary>
    public SlaClock Pause(DateTimeOffset at) => PausedSince is null ? this with { PausedSince = at } : this;

    /// <summary>
    /// Starts the clocks again: both deadlines move by the working days the pause covered (the day it began not
    /// counted, the day it ended counted), so the time left is what it was.
    /// </summary>
    public SlaClock Resume(DateTimeOffset at, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (PausedSince is not { } since)
        {
            return this;
        }

        var days = Math.Max(0, calendar.WorkingDaysBetween(BeijingTime.DateOf(since), BeijingTime.DateOf(at)).Count);
        return this with { PausedSince = null, Committed = Moved(Committed, days, calendar), Statutory = Moved(Statutory, days, calendar) };
    }

    public SlaState CommittedState(DateTimeOffset now) => StateOf(Committed, now);

    public SlaState StatutoryState(DateTimeOffset now) => StateOf(Statutory, now);

    /// <summary>The worse of the two states: what a supervisor sees.</summary>
    public SlaState StateAt(DateTimeOffset now) =>
        PausedSince is not null ? SlaState.Paused : (SlaState)Math.Max((int)CommittedState(now), (int)StatutoryState(now));

    /// <summary>When an alert becomes due: the start of the final working day, or the deadline itself.</summary>
    public DateTimeOffset DueAt(SlaAlert alert) => alert switch
    {
        SlaAlert.CommittedDueSoon => Committed.DueSoonFrom,
        SlaAlert.CommittedBreached => Committed.At,
        SlaAlert.StatutoryDueSoon => Statutory.DueSoonFrom,
        SlaAlert.StatutoryBreached => Statutory.At,
        _ => throw new ArgumentOutOfRangeException(nameof(alert), alert, "Unknown alert."),
    };

    /// <summary>Every alert whose time has come by <paramref name="now"/>.</summary>
    public EnumSet<SlaAlert> AlertsDue(DateTimeOffset now)
    {
        var due = EnumSet<SlaAlert>.Empty;
        foreach (var alert in AllAlerts)
        {
            if (now >= DueAt(alert))
            {
                due = due.Add(alert);
            }
        }

        return due;
    }

    private static Deadline Moved(Deadline deadline, int workingDays, WorkingDayCalendar calendar)
    {
        if (workingDays == 0)
        {
            return deadline;
        }

        var (day, provisional) = calendar.AddWorkingDays(deadline.Day, workingDays);
        return new Deadline(day, deadline.IsProvisional || provisional);
    }

    private static SlaState StateOf(Deadline deadline, DateTimeOffset now) =>
        now >= deadline.At ? SlaState.Breached : now >= deadline.DueSoonFrom ? SlaState.DueSoon : SlaState.OnTime;
}
