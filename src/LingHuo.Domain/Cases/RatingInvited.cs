using LingHuo.Domain.Calendar;

namespace LingHuo.Domain.Cases;

/// <summary>The application closed: the applicant is invited to rate it; <see cref="DefaultDue"/> when the province records a default rating.</summary>
public sealed record RatingInvited(long Sequence, DateTimeOffset At, Deadline? DefaultDue)
    : CaseEvent(Sequence, At);
