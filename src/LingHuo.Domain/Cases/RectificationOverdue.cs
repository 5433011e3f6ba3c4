using LingHuo.Domain.Calendar;

namespace LingHuo.Domain.Cases;

/// <summary>A rectification ticket passed its due time unanswered: an alert, raised once.</summary>
public sealed record RectificationOverdue(long Sequence, DateTimeOffset At, Deadline Due)
    : CaseEvent(Sequence, At);
