using LingHuo.Domain.Calendar;

namespace LingHuo.Domain.Cases;

public sealed record SlaAlertRaised(long Sequence, DateTimeOffset At, SlaAlert Alert, Deadline Deadline)
    : CaseEvent(Sequence, At);
