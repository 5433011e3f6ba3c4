using LingHuo.Domain.Catalog;

namespace LingHuo.Domain.Cases;

public sealed record MatterRejected(long Sequence, DateTimeOffset At, Matter Matter, Department Department, string Reason)
    : CaseEvent(Sequence, At);
