using System.Collections.Immutable;

namespace LingHuo.Domain.Cases;

public sealed record AcceptanceRefused(long Sequence, DateTimeOffset At, ImmutableArray<Refusal> Reasons)
    : CaseEvent(Sequence, At);
