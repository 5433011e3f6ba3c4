namespace LingHuo.Domain.Cases;

public sealed record ApplicationWithdrawn(long Sequence, DateTimeOffset At, string Reason)
    : CaseEvent(Sequence, At);
