using LingHuo.Domain.Catalog;

namespace LingHuo.Domain.Cases;

public sealed record MatterReady(long Sequence, DateTimeOffset At, Matter Matter, Department Department)
    : CaseEvent(Sequence, At);
