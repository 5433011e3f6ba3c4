using LingHuo.Domain.Calendar;

namespace LingHuo.Domain.Cases;

/// <summary>The supplement notice ends tomorrow and has not been answered: the applicant is reminded, once.</summary>
public sealed record SupplementDueSoon(long Sequence, DateTimeOffset At, Deadline Due)
    : CaseEvent(Sequence, At);
