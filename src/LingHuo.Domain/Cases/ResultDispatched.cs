using LingHuo.Domain.Catalog;

namespace LingHuo.Domain.Cases;

/// <summary>寄递: results handed to a carrier.</summary>
public sealed record ResultDispatched(long Sequence, DateTimeOffset At, EnumSet<Matter> Matters, string Carrier, string Waybill)
    : CaseEvent(Sequence, At);
