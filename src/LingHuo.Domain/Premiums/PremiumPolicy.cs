namespace LingHuo.Domain.Premiums;

/// <summary>
/// Premium estimates for matter 5 (DOMAIN §7), a per-year policy. The default average wage, 7,177 CNY a month, is the one
/// implied by the published Yunnan base range 4,306.2–21,531 (60%–300%); the medical rate is provincial and has no
/// default, so medical premiums are left out of estimates until it is configured.
/// </summary>
public sealed record PremiumPolicy
{
    public decimal AverageMonthlyWage { get; init; } = 7177m;

    public decimal MinimumBaseRatio { get; init; } = 0.60m;

    public decimal MaximumBaseRatio { get; init; } = 3.00m;

    public decimal PensionRate { get; init; } = 0.20m;

    public decimal PensionPersonalAccountRate { get; init; } = 0.08m;

    public decimal? MedicalRate { get; init; }

    public static PremiumPolicy Default { get; } = new();

    public decimal MinimumBase => Money(AverageMonthlyWage * MinimumBaseRatio);

    public decimal MaximumBase => Money(AverageMonthlyWage * MaximumBaseRatio);

    public static bool IsDefined(PaymentCycle cycle) => cycle is PaymentCycle.Monthly or PaymentCycle.Quarterly or PaymentCycle.HalfYearly or PaymentCycle.Yearly;

    public Result<PremiumEstimate> Estimate(decimal contributionBase, PaymentCycle cycle)
    {
        if (!IsDefined(cycle))
        {
            return Refusals.PaymentCycleUnknown("paymentCycle", (int)cycle);
        }

        var refusal = CheckBase(contributionBase);
        if (refusal is not null)
        {
            return refusal;
        }

        var pension = Money(contributionBase * PensionRate);
        var personal = Money(contributionBase * PensionPersonalAccountRate);
        var medical = MedicalRate is { } rate ? Money(contributionBase * rate) : (decimal?)null;
        var monthly = pension + (medical ?? 0m);
        return new PremiumEstimate(contributionBase, cycle, pension, personal, pension - personal, medical, monthly * (int)cycle);
    }

    public Refusal? CheckBase(decimal contributionBase, string field = "contributionBase") =>
        contributionBase < MinimumBase || contributionBase > MaximumBase
            ? Refusals.ContributionBaseOutOfRange(field, contributionBase, MinimumBase, MaximumBase)
            : null;

    public Result<PremiumPolicy> Validate()
    {
        var valid = AverageMonthlyWage > 0
            && MinimumBaseRatio > 0 && MinimumBaseRatio <= MaximumBaseRatio
            && PensionRate is > 0 and < 1 && PensionPersonalAccountRate >= 0 && PensionPersonalAccountRate <= PensionRate
            && MedicalRate is null or (> 0 and < 1);
        return valid ? this : Refusals.PolicyInvalid($"premium policy {this} is not consistent");
    }

    // Amounts are in yuan to the fen, rounded half away from zero as on payment notices.
    private static decimal Money(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}
