using LingHuo.Domain.Catalog;

namespace LingHuo.Domain.Cases;

public sealed record MatterClaimed(long Sequence, DateTimeOffset At, Matter Matter, Department Department, string Handler)
    : CaseEvent(Sequence, At);
