using LingHuo.Domain.Intake;

namespace LingHuo.Domain.Cases;

public sealed record MaterialsSupplemented(long Sequence, DateTimeOffset At, EnumSet<Material> Materials)
    : CaseEvent(Sequence, At);
