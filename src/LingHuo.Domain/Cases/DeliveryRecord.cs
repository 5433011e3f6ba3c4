using LingHuo.Domain.Catalog;

namespace LingHuo.Domain.Cases;

/// <summary>
/// One hand-over of results (送达): which matters' results, how, and for a dispatch its carrier, waybill and when its
/// receipt was confirmed. The collector's name stays in the state and is never put on an event.
/// </summary>
public sealed record DeliveryRecord(
    EnumSet<Matter> Matters,
    DeliveryKind Kind,
    DateTimeOffset At,
    string? Carrier = null,
    string? Waybill = null,
    string? CollectedBy = null,
    DateTimeOffset? ConfirmedAt = null)
{
    public bool IsDelivered => Kind == DeliveryKind.PickedUp || ConfirmedAt is not null;
}
