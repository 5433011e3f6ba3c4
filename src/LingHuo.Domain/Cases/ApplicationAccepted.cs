namespace LingHuo.Domain.Cases;

public sealed record ApplicationAccepted(long Sequence, DateTimeOffset At, SlaClock Sla)
    : CaseEvent(Sequence, At);
