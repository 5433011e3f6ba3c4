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

    public bool IsProvisional => Committed.IsProvisional || Statutory.IsProvisional;

    public SlaState CommittedState(DateTimeOffset now) => StateOf(Committed, now);

    public SlaState StatutoryState(DateTimeOffset now) => StateOf(Statutory, now);

    /// <summary>The worse of the two states: what a supervisor sees.</summary>
    public SlaState StateAt(DateTimeOffset now) => (SlaState)Math.Max((int)CommittedState(now), (int)StatutoryState(now));

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

    private static SlaState StateOf(Deadline deadline, DateTimeOffset now) =>
        now >= deadline.At ? SlaState.Breached : now >= deadline.DueSoonFrom ? SlaState.DueSoon : SlaState.OnTime;
}
