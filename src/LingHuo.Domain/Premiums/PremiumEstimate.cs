namespace LingHuo.Domain.Premiums;

public sealed record PremiumEstimate(
    decimal ContributionBase,
    PaymentCycle Cycle,
    decimal PensionMonthly,
    decimal PensionPersonalAccountMonthly,
    decimal PensionPooledMonthly,
    decimal? MedicalMonthly,
    decimal TotalPerCycle);
