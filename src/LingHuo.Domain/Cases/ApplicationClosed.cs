namespace LingHuo.Domain.Cases;

public sealed record ApplicationClosed(long Sequence, DateTimeOffset At, ApplicationOutcome Outcome)
    : CaseEvent(Sequence, At);
