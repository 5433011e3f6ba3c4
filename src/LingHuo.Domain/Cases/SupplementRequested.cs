using System.Collections.Immutable;
using LingHuo.Domain.Calendar;

namespace LingHuo.Domain.Cases;

/// <summary>补正告知: every missing or defective material, each with its reason, in one notice.</summary>
public sealed record SupplementRequested(long Sequence, DateTimeOffset At, ImmutableArray<SupplementItem> Items, Deadline Due)
    : CaseEvent(Sequence, At);
