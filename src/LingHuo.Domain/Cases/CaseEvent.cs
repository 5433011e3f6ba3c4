namespace LingHuo.Domain.Cases;

/// <summary>
/// Something that happened to an application. <see cref="Sequence"/> numbers an application's events 1, 2, 3… without
/// gaps, in the order they happened; the department feeds are built from them.
/// </summary>
public abstract record CaseEvent(long Sequence, DateTimeOffset At)
{
    /// <summary>Who caused it; null on events logged before actors were recorded.</summary>
    public Actor? Actor { get; init; }
}
