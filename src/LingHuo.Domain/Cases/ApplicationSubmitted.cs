using LingHuo.Domain.Catalog;
using LingHuo.Domain.Intake;

namespace LingHuo.Domain.Cases;

public sealed record ApplicationSubmitted(long Sequence, DateTimeOffset At, EnumSet<Matter> Matters, Channel Channel, string CountyCode)
    : CaseEvent(Sequence, At);
