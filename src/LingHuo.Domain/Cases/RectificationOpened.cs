using LingHuo.Domain.Calendar;

namespace LingHuo.Domain.Cases;

/// <summary>A bad review opened a rectification ticket for the county office, due then.</summary>
public sealed record RectificationOpened(long Sequence, DateTimeOffset At, Deadline Due)
    : CaseEvent(Sequence, At);
