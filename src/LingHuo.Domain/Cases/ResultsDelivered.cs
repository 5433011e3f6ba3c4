namespace LingHuo.Domain.Cases;

/// <summary>Every result that needs delivery has been delivered.</summary>
public sealed record ResultsDelivered(long Sequence, DateTimeOffset At)
    : CaseEvent(Sequence, At);
