using LingHuo.Domain.Eligibility;

namespace LingHuo.Domain.Tests;

public sealed class PrecheckTests
{
    private static PrecheckResult Run(ApplicationRequest request) => Precheck.Evaluate(request, Samples.Today, CasePolicy.Default);

    private static IEnumerable<RefusalCode> Codes(ApplicationRequest request) => Run(request).Refusals.Select(r => r.Code);

    [Fact]
    public void AllNineOnline_Passes()
    {
        var result = Run(Samples.AllNineOnline());

        Assert.Equal(PrecheckVerdict.Pass, result.Verdict);
        Assert.Empty(result.Refusals);
        Assert.Equal(Matters.AllSet, result.Matters);
        Assert.True(result.Materials!.IsComplete);
        Assert.Equal(1000m, result.Premium!.PensionMonthly);
        Assert.NotNull(result.Identity);
    }

    [Fact]
    public void AllNineAtTheWindow_Passes() => Assert.Equal(PrecheckVerdict.Pass, Run(Samples.AllNineAtWindow()).Verdict);

    [Fact]
    public void MissingMaterialsOnly_AskForASupplement_ListingEach()
    {
        var result = Run(Samples.AllNineOnline() with { Materials = [new(Material.ApplicationForm, MaterialSource.Upload)] });

        Assert.Equal(PrecheckVerdict.SupplementRequired, result.Verdict);
        Assert.Equal([RefusalCode.MaterialMissing, RefusalCode.MaterialMissing], result.Refusals.Select(r => r.Code));
    }

    [Fact]
    public void EverythingWrong_IsToldAtOnce()
    {
        var request = new ApplicationRequest
        {
            IdentityNumber = Ids.Resident("2012-01-01"),
            Facts = new ApplicantFacts { IsFullTimeStudent = true },
            Channel = Channel.Online,
            CountyCode = "110105",
            Matters = [Matter.PremiumDeclaration, Matter.PremiumDeclaration, (Matter)12],
            Materials = [],
            ContributionBase = 100m,
            PaymentCycle = PaymentCycle.Monthly,
        };

        Assert.Equal(
            [
                RefusalCode.CountyCodeInvalid,
                RefusalCode.MatterDuplicate,
                RefusalCode.MatterUnknown,
                RefusalCode.UnderMinimumAge,
                RefusalCode.FullTimeStudent,
                RefusalCode.MatterPrerequisiteMissing,
                RefusalCode.MatterPrerequisiteMissing,
                RefusalCode.MaterialMissing,
                RefusalCode.MaterialMissing,
                RefusalCode.ContributionBaseOutOfRange,
            ],
            Codes(request));
        Assert.Equal(PrecheckVerdict.NotAccepted, Run(request).Verdict);
    }

    [Fact]
    public void BadIdentity_StillChecksTheRest() =>
        Assert.Equal(
            [RefusalCode.IdentityCheckCharacter, RefusalCode.CountyCodeInvalid],
            Codes(Samples.AllNineOnline("11010519491231002" + "1") with { CountyCode = "5301" }));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("53010")]
    [InlineData("5301021")]
    [InlineData("530100")]
    [InlineData("110105")]
    [InlineData("53a102")]
    public void CountyCode_MustBeAYunnanCounty(string? county) =>
        Assert.Equal([RefusalCode.CountyCodeInvalid], Codes(Samples.AllNineOnline() with { CountyCode = county }));

    [Fact]
    public void UnknownChannel_IsRefused() =>
        Assert.Equal([RefusalCode.ChannelUnknown], Codes(Samples.AllNineOnline() with { Channel = (Channel)7 }));

    [Fact]
    public void NoMatters_IsRequired() =>
        Assert.Equal([RefusalCode.Required], Codes(Samples.AllNineOnline() with { Matters = [], ContributionBase = null }));

    [Fact]
    public void ChoosingAMatterWithoutItsPrerequisite_NamesIt()
    {
        var refusal = Assert.Single(Run(Samples.Online(Matter.SocialSecurityCard)).Refusals);

        Assert.Equal(RefusalCode.MatterPrerequisiteMissing, refusal.Code);
        Assert.Contains("社会保险登记", refusal.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void PremiumDeclaration_WithoutBase_IsRequired() =>
        Assert.Equal([RefusalCode.Required], Codes(Samples.AllNineOnline() with { ContributionBase = null }));

    [Fact]
    public void Base_WithoutCycle_IsRequired() =>
        Assert.Equal([RefusalCode.Required], Codes(Samples.AllNineOnline() with { PaymentCycle = null }));

    [Theory]
    [InlineData(4306.19, false)]
    [InlineData(4306.20, true)]
    [InlineData(21531.00, true)]
    [InlineData(21531.01, false)]
    public void ContributionBase_MustBeWithin60To300PercentOfTheAverageWage(decimal contributionBase, bool ok) =>
        Assert.Equal(ok, Run(Samples.AllNineOnline() with { ContributionBase = contributionBase }).Verdict == PrecheckVerdict.Pass);

    [Fact]
    public void ExistingRecordsAndRegistration_LetRecordQueryStandAlone()
    {
        var request = Samples.AllNineOnline() with
        {
            Facts = new ApplicantFacts { HasContributionRecords = true },
            Matters = [Matter.RightsRecordQuery, Matter.ParticipationCertificate],
            Materials = [new(Material.ApplicationForm, MaterialSource.Upload), new(Material.IdentityDocument, MaterialSource.Upload)],
            ContributionBase = null,
        };

        Assert.Equal(PrecheckVerdict.Pass, Run(request).Verdict);
    }

    [Fact]
    public void NullFacts_AreTreatedAsNone() =>
        Assert.Contains(RefusalCode.NotFlexiblyEmployed, Codes(Samples.AllNineOnline() with { Facts = null! }));

    [Fact]
    public void MailDelivery_NeedsRecipientPhoneAndAddress() =>
        Assert.Equal(
            ["delivery.recipient", "delivery.phone", "delivery.address"],
            Run(Samples.AllNineOnline() with { Delivery = new ResultDelivery(DeliveryMethod.MailCashOnDelivery, Phone: "abc") }).Refusals.Select(r => r.Field));

    [Fact]
    public void MailDelivery_Complete_Passes() =>
        Assert.Equal(PrecheckVerdict.Pass, Run(Samples.AllNineOnline() with { Delivery = new ResultDelivery(DeliveryMethod.MailCashOnDelivery, "张三", "13800000000", "昆明市五华区某路1号", "650000") }).Verdict);
}
