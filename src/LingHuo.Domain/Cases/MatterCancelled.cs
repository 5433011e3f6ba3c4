using LingHuo.Domain.Catalog;

namespace LingHuo.Domain.Cases;

public sealed record MatterCancelled(long Sequence, DateTimeOffset At, Matter Matter, Department Department, CancelReason Reason, Matter? RejectedPrerequisite)
    : CaseEvent(Sequence, At);
