using LingHuo.Domain.Catalog;

namespace LingHuo.Domain.Cases;

public sealed record MatterCompleted(long Sequence, DateTimeOffset At, Matter Matter, Department Department, MatterResult Result)
    : CaseEvent(Sequence, At);
