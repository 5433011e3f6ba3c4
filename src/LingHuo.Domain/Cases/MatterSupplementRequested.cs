using System.Collections.Immutable;
using LingHuo.Domain.Catalog;

namespace LingHuo.Domain.Cases;

/// <summary>A department returned its matter for the applicant to supplement (时限中止): the clocks stand still.</summary>
public sealed record MatterSupplementRequested(long Sequence, DateTimeOffset At, Matter Matter, Department Department, ImmutableArray<SupplementItem> Items)
    : CaseEvent(Sequence, At);
