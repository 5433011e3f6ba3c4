namespace LingHuo.Domain.Premiums;

/// <summary>How often a flexible worker pays. The value is the number of months in a cycle, and is stable.</summary>
public enum PaymentCycle
{
    Monthly = 1,
    Quarterly = 3,
    HalfYearly = 6,
    Yearly = 12,
}
