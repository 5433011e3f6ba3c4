using System.Collections.Immutable;

namespace LingHuo.Domain.Cases;

/// <summary>好差评: the level and tags (the comment stays in the state, never on an event).</summary>
public sealed record ServiceRated(long Sequence, DateTimeOffset At, RatingLevel Level, ImmutableArray<string> Tags, bool IsDefault)
    : CaseEvent(Sequence, At);
