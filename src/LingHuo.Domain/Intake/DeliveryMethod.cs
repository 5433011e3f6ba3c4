namespace LingHuo.Domain.Intake;

public enum DeliveryMethod
{
    PickUp = 1,

    /// <summary>到付寄递: mailed, postage paid on delivery.</summary>
    MailCashOnDelivery = 2,
}
