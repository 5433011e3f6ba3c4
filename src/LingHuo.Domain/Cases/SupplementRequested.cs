using LingHuo.Domain.Calendar;
using LingHuo.Domain.Intake;

namespace LingHuo.Domain.Cases;

public sealed record SupplementRequested(long Sequence, DateTimeOffset At, EnumSet<Material> Materials, Deadline Due)
    : CaseEvent(Sequence, At);
