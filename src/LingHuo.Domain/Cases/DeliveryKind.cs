namespace LingHuo.Domain.Cases;

/// <summary>How results left the office. Values are stable and those of the proto enum.</summary>
public enum DeliveryKind
{
    /// <summary>寄递: handed to a carrier, delivered when confirmed.</summary>
    Dispatched = 1,

    /// <summary>领取: collected at the window, the collector's identity checked.</summary>
    PickedUp = 2,
}
