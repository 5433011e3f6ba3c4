namespace LingHuo.Domain.Cases;

/// <summary>
/// 受理. <see cref="Deemed"/>: nobody decided within the review period, so the application counts as accepted on the
/// day it was received (Administrative Licensing Law Art. 32) and its clocks run from then.
/// </summary>
public sealed record ApplicationAccepted(long Sequence, DateTimeOffset At, SlaClock Sla, bool Deemed = false)
    : CaseEvent(Sequence, At);
