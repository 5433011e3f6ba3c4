using LingHuo.Domain.Cases;

namespace LingHuo.Grains.Abstractions;

/// <summary>The parcel with this waybill was received: confirmed by the applicant or a clerk.</summary>
[GenerateSerializer, Immutable, Alias("linghuo.ConfirmDelivery")]
public sealed record ConfirmDelivery(
    [property: Id(0)] string RequestId,
    [property: Id(1)] string Waybill,
    [property: Id(2)] Actor Actor);
