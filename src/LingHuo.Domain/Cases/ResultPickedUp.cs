using LingHuo.Domain.Catalog;

namespace LingHuo.Domain.Cases;

/// <summary>领取: results collected at the window, the collector's identity checked.</summary>
public sealed record ResultPickedUp(long Sequence, DateTimeOffset At, EnumSet<Matter> Matters)
    : CaseEvent(Sequence, At);
