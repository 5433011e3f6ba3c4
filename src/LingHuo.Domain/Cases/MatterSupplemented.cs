using LingHuo.Domain.Catalog;

namespace LingHuo.Domain.Cases;

/// <summary>The applicant answered a department's return: the matter is the department's again and the clocks run.</summary>
public sealed record MatterSupplemented(long Sequence, DateTimeOffset At, Matter Matter, Department Department)
    : CaseEvent(Sequence, At);
