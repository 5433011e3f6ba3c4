using LingHuo.Domain.Cases;
using LingHuo.Domain.Divisions;
using LingHuo.Domain.Intake;

namespace LingHuo.Domain.Tests;

public sealed class ApplicationNumberTests
{
    private static readonly DivisionCode Wuhua = DivisionCode.Parse("530102");

    [Fact]
    public void ANewNumber_IsCountyDateAndSixDigitSequence_AndParsesBackToItsParts()
    {
        var number = ApplicationNumber.Create(Wuhua, new DateOnly(2026, 11, 28), 123);

        Assert.Equal("530102-20261128-000123", number.Value);
        Assert.True(ApplicationNumber.TryParse(number.Value, out var parsed));
        Assert.Equal(number, parsed);
        Assert.Equal((Wuhua, new DateOnly(2026, 11, 28), 123L), (parsed.County, parsed.Date, parsed.Sequence));
        Assert.Equal("530102-20261128", ApplicationNumber.DayKey(Wuhua, new DateOnly(2026, 11, 28)));
    }

    [Theory]
    [InlineData("530102-20261128-000123")]
    [InlineData("530102-20261128-1234567890")]
    public void AWellFormedNumber_IsKeptExactlyAsGiven(string text)
    {
        var parsed = ApplicationNumber.Parse(text);

        Assert.True(parsed.IsOk);
        Assert.Equal(text, parsed.Value.Value);
    }

    [Theory]
    [InlineData("530102-20261128-00012")]
    [InlineData("530102-20261128-12345678901")]
    [InlineData("53010-20261128-000123")]
    [InlineData("530102-20261399-000123")]
    [InlineData("530102_20261128_000123")]
    [InlineData("５３０１０２-20261128-000123")]
    [InlineData("530102-20261128-00012３")]
    [InlineData("530102-2026112８-000123")]
    [InlineData(" 530102-20261128-000123")]
    public void AnythingElse_IsAnInvalidValue_SayingWhatANumberLooksLike(string text)
    {
        var parsed = ApplicationNumber.Parse(text, "applicationNumber");

        var refusal = Assert.Single(parsed.Refusals);
        Assert.Equal((RefusalCode.InvalidValue, "applicationNumber"), (refusal.Code, refusal.Field));
        Assert.Contains("530102-20261128-000123", refusal.MessageEn, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void NoNumber_IsRequired(string? text) =>
        Assert.Equal(RefusalCode.Required, Assert.Single(ApplicationNumber.Parse(text).Refusals).Code);

    [Fact]
    public void ANumberThePlatformDidNotIssue_IsNotTrusted() =>
        Assert.Throws<FormatException>(() => ApplicationNumber.Trusted("n-1"));

    [Fact]
    public void ANewNumber_NeedsACountyAndAPositiveSequence()
    {
        Assert.Throws<ArgumentException>(() => ApplicationNumber.Create(DivisionCode.Parse("5301"), new DateOnly(2026, 11, 28), 1));
        Assert.Throws<ArgumentException>(() => ApplicationNumber.Create(DivisionCode.Parse("530100"), new DateOnly(2026, 11, 28), 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ApplicationNumber.Create(Wuhua, new DateOnly(2026, 11, 28), 0));
    }

    [Theory]
    [InlineData("53", "530102-20261128-000001", true)]
    [InlineData("5301", "530102-20261128-000001", true)]
    [InlineData("530102", "530102-20261128-000001", true)]
    [InlineData("530103", "530102-20261128-000001", false)]
    [InlineData("5302", "530102-20261128-000001", false)]
    [InlineData("52", "530102-20261128-000001", false)]
    public void ADivision_CoversTheApplicationsFiledInItsCounties(string division, string number, bool covers) =>
        Assert.Equal(covers, DivisionCode.Parse(division).Covers(ApplicationNumber.Trusted(number)));

    [Theory]
    [InlineData("530102", true)]
    [InlineData("532301", true)]
    [InlineData("530100", false)]
    [InlineData("520102", false)]
    [InlineData("5301", false)]
    [InlineData("53010a", false)]
    [InlineData("５３０１０２", false)]
    [InlineData(null, false)]
    public void ACountyOfTheProvince_IsSixDigitsWithinIt_NotAPrefecturesOwnCode(string? text, bool isCounty) =>
        Assert.Equal(isCounty, DivisionCode.County(text, DivisionCode.Parse("53")) is not null);

    [Theory]
    [InlineData("5")]
    [InlineData("5301021")]
    [InlineData("")]
    [InlineData("53 1")]
    public void ADivisionCode_IsTwoToSixDigits(string text) => Assert.False(DivisionCode.TryParse(text, out _));

    [Fact]
    public void TheProvince_ComesFromThePolicy_AndDecidesWhichCountiesAreValid()
    {
        var guizhou = CasePolicy.Default with { ProvinceCode = "52" };
        var request = Samples.AllNineOnline() with { CountyCode = "520102" };

        Assert.True(guizhou.Validate().IsOk);
        Assert.DoesNotContain(Precheck.Evaluate(request, new DateOnly(2026, 9, 30), guizhou).Refusals, r => r.Code == RefusalCode.CountyCodeInvalid);
        Assert.Contains(Precheck.Evaluate(request, new DateOnly(2026, 9, 30), CasePolicy.Default).Refusals, r => r.Code == RefusalCode.CountyCodeInvalid);
        Assert.False((CasePolicy.Default with { ProvinceCode = "530" }).Validate().IsOk);
    }
}
