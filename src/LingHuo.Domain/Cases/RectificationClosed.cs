namespace LingHuo.Domain.Cases;

/// <summary>The county office answered the bad review with what it did (the answer stays in the state).</summary>
public sealed record RectificationClosed(long Sequence, DateTimeOffset At)
    : CaseEvent(Sequence, At);
