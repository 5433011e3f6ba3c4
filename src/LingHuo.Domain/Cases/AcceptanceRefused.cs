using System.Collections.Immutable;

namespace LingHuo.Domain.Cases;

/// <summary>不予受理: the clerk's stated reasons and the legal basis they rest on.</summary>
public sealed record AcceptanceRefused(long Sequence, DateTimeOffset At, ImmutableArray<string> Reasons, string LegalBasis)
    : CaseEvent(Sequence, At);
