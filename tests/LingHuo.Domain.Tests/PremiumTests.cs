using LingHuo.Domain.Premiums;

namespace LingHuo.Domain.Tests;

public sealed class PremiumTests
{
    private static readonly PremiumPolicy Policy = PremiumPolicy.Default;

    [Fact]
    public void DefaultRange_IsThePublishedYunnanRange()
    {
        Assert.Equal(4306.20m, Policy.MinimumBase);
        Assert.Equal(21531.00m, Policy.MaximumBase);
    }

    [Fact]
    public void Estimate_PensionIs20PercentSplit8And12()
    {
        var estimate = Policy.Estimate(6000m, PaymentCycle.Quarterly).Value!;

        Assert.Equal(1200m, estimate.PensionMonthly);
        Assert.Equal(480m, estimate.PensionPersonalAccountMonthly);
        Assert.Equal(720m, estimate.PensionPooledMonthly);
        Assert.Null(estimate.MedicalMonthly);
        Assert.Equal(3600m, estimate.TotalPerCycle);
    }

    [Fact]
    public void Estimate_WithAConfiguredMedicalRate_IncludesIt()
    {
        var estimate = (Policy with { MedicalRate = 0.085m }).Estimate(4306.2m, PaymentCycle.Yearly).Value!;

        Assert.Equal(861.24m, estimate.PensionMonthly);
        Assert.Equal(366.03m, estimate.MedicalMonthly); // 366.027 rounded to the fen
        Assert.Equal((861.24m + 366.03m) * 12, estimate.TotalPerCycle);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(4306.19)]
    [InlineData(21531.01)]
    public void Estimate_BaseOutOfRange_SaysTheRange(decimal contributionBase)
    {
        var refusal = Assert.Single(Policy.Estimate(contributionBase, PaymentCycle.Monthly).Refusals);

        Assert.Equal(RefusalCode.ContributionBaseOutOfRange, refusal.Code);
        Assert.Contains("4306.20–21531.00", refusal.MessageEn, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(24)]
    public void Estimate_UnknownCycle_IsRefused(int cycle) =>
        Assert.Equal(RefusalCode.PaymentCycleUnknown, Assert.Single(Policy.Estimate(5000m, (PaymentCycle)cycle).Refusals).Code);

    [Theory]
    [InlineData(0, 0.6, 3.0, 0.2, 0.08)]
    [InlineData(7177, 3.0, 0.6, 0.2, 0.08)]
    [InlineData(7177, 0.6, 3.0, 1.2, 0.08)]
    [InlineData(7177, 0.6, 3.0, 0.2, 0.3)]
    public void Validate_InconsistentPolicy_IsRefused(decimal wage, decimal min, decimal max, decimal pension, decimal personal) =>
        Assert.False(new PremiumPolicy { AverageMonthlyWage = wage, MinimumBaseRatio = min, MaximumBaseRatio = max, PensionRate = pension, PensionPersonalAccountRate = personal }.Validate().IsOk);

    [Fact]
    public void CasePolicy_Default_IsValid() => Assert.True(CasePolicy.Default.Validate().IsOk);

    [Theory]
    [InlineData(0, 19, 5)]
    [InlineData(20, 19, 5)]
    [InlineData(2, 19, 0)]
    public void CasePolicy_BadLimits_AreRefused(int committed, int statutory, int supplement) =>
        Assert.False(new CasePolicy { CommittedWorkingDays = committed, StatutoryWorkingDays = statutory, SupplementWorkingDays = supplement }.Validate().IsOk);
}
