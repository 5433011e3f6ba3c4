namespace LingHuo.Domain.Cases;

/// <summary>A dispatched parcel was received.</summary>
public sealed record DeliveryConfirmed(long Sequence, DateTimeOffset At, string Waybill)
    : CaseEvent(Sequence, At);
