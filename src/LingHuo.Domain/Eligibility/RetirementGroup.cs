namespace LingHuo.Domain.Eligibility;

/// <summary>The original statutory retirement group (2025 reform, DOMAIN §5).</summary>
public enum RetirementGroup
{
    Men60 = 1,
    Women55 = 2,
    Women50 = 3,
}
