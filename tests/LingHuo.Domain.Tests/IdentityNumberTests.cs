using CsCheck;
using LingHuo.Domain.Identity;

namespace LingHuo.Domain.Tests;

public sealed class IdentityNumberTests
{
    private static readonly DateOnly Today = new(2026, 11, 28);

    [Fact]
    public void Parse_TheStandardsSampleNumber_GivesKindBirthAndGender()
    {
        var id = IdentityNumber.Parse("11010519491231002X", Today).Value!;

        Assert.Equal(IdentityKind.ResidentId, id.Kind);
        Assert.Equal(new DateOnly(1949, 12, 31), id.BirthDate);
        Assert.Equal(Gender.Female, id.Gender);
    }

    [Fact]
    public void Parse_LowercaseX_IsReadAsUppercase()
    {
        var id = IdentityNumber.Parse("11010519491231002x", Today).Value!;

        Assert.Equal("11010519491231002X", id.Value);
    }

    [Theory]
    [InlineData("530102", IdentityKind.ResidentId)]
    [InlineData("110105", IdentityKind.ResidentId)]
    [InlineData("650102", IdentityKind.ResidentId)]
    [InlineData("810000", IdentityKind.HongKongResidencePermit)]
    [InlineData("820000", IdentityKind.MacauResidencePermit)]
    [InlineData("830000", IdentityKind.TaiwanResidencePermit)]
    [InlineData("953156", IdentityKind.ForeignPermanentResident)]
    public void Parse_AddressCode_DecidesTheKind(string address, IdentityKind kind)
    {
        var id = IdentityNumber.Parse(Ids.Resident("1990-05-17", address: address), Today).Value!;

        Assert.Equal(kind, id.Kind);
        Assert.Equal(new DateOnly(1990, 5, 17), id.BirthDate);
    }

    [Theory]
    [InlineData(true, Gender.Male)]
    [InlineData(false, Gender.Female)]
    public void Parse_SeventeenthDigitParity_GivesGender(bool male, Gender gender) =>
        Assert.Equal(gender, IdentityNumber.Parse(Ids.Resident("1990-05-17", male), Today).Value!.Gender);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_Empty_IsRequired(string? text) =>
        AssertRefused(text, RefusalCode.Required);

    [Theory]
    [InlineData("5301021990")]
    [InlineData("53010219900517123")]
    [InlineData("5301021990051712345")]
    public void Parse_WrongLength_SaysTheLength(string text)
    {
        var refusal = AssertRefused(text, RefusalCode.IdentityLength);

        Assert.Contains(text.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), refusal.MessageEn, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("53010219900517A231", 15)]
    [InlineData("5301021990O5171231", 11)]
    [InlineData("530102199005171 31", 16)]
    [InlineData("53010219900517123Y", 18)]
    public void Parse_BadCharacter_NamesItsPosition(string text, int position)
    {
        var refusal = AssertRefused(text, RefusalCode.IdentityCharacter);

        Assert.Contains($"Character {position} ", refusal.MessageEn, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("000000")]
    [InlineData("190000")]
    [InlineData("720000")]
    [InlineData("840000")]
    public void Parse_UnknownAddressCode_IsRefused(string address) =>
        AssertRefused(WithCheck(address + "19900517123"), RefusalCode.IdentityAddressCode);

    [Theory]
    [InlineData("19900230")]
    [InlineData("19901301")]
    [InlineData("19900001")]
    [InlineData("19000229")]
    [InlineData("18991231")]
    public void Parse_ImpossibleBirthDate_IsRefused(string birth) =>
        AssertRefused(WithCheck("530102" + birth + "123"), RefusalCode.IdentityBirthDate);

    [Fact]
    public void Parse_LeapDayBirth_IsAccepted() =>
        Assert.Equal(new DateOnly(2000, 2, 29), IdentityNumber.Parse(WithCheck("53010220000229123"), Today).Value!.BirthDate);

    [Fact]
    public void Parse_BirthAfterToday_IsRefused() =>
        AssertRefused(WithCheck("53010220261129123"), RefusalCode.IdentityBirthDateInFuture);

    [Fact]
    public void Parse_WrongCheckCharacter_SaysWhichWasExpected()
    {
        var refusal = AssertRefused("110105194912310021", RefusalCode.IdentityCheckCharacter);

        Assert.Contains("expected X, found 1", refusal.MessageEn, StringComparison.Ordinal);
        Assert.Contains("应为X", refusal.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeveralProblems_AreAllReported()
    {
        var result = IdentityNumber.Parse("000000" + "19900230" + "1231", Today);

        Assert.Equal(
            [RefusalCode.IdentityAddressCode, RefusalCode.IdentityBirthDate, RefusalCode.IdentityCheckCharacter],
            result.Refusals.Select(r => r.Code));
    }

    [Fact]
    public void Parse_NoMessage_ContainsTheNumber()
    {
        const string text = "530102199005171230";
        var result = IdentityNumber.Parse(text, Today);

        Assert.All(result.Refusals, r =>
        {
            Assert.DoesNotContain(text, r.MessageEn, StringComparison.Ordinal);
            Assert.DoesNotContain(text, r.MessageZh, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("USA119009050021", 1990, 9, 5, Gender.Female)]
    [InlineData("GBR531205300017", 2012, 5, 30, Gender.Male)]
    [InlineData("fra531205300017", 2012, 5, 30, Gender.Male)]
    public void Parse_OldForeignCard_ReadsBirthAndGender(string text, int year, int month, int day, Gender gender)
    {
        var id = IdentityNumber.Parse(text, Today).Value!;

        Assert.Equal(IdentityKind.ForeignPermanentResidentLegacy, id.Kind);
        Assert.Equal(new DateOnly(year, month, day), id.BirthDate);
        Assert.Equal(gender, id.Gender);
        Assert.Equal(text.ToUpperInvariant(), id.Value);
    }

    [Theory]
    [InlineData("US1110905180012", 3)]
    [InlineData("USA11090518001X", 15)]
    public void Parse_OldForeignCard_BadCharacter_IsRefused(string text, int position) =>
        Assert.Contains($"Character {position} ", AssertRefused(text, RefusalCode.IdentityCharacter).MessageEn, StringComparison.Ordinal);

    [Fact]
    public void Parse_OldForeignCard_ImpossibleDate_IsRefused() =>
        AssertRefused("USA119002300012", RefusalCode.IdentityBirthDate);

    [Fact]
    public void ToString_IsMasked()
    {
        var id = IdentityNumber.Parse("11010519491231002X", Today).Value!;

        Assert.Equal("1101**********002X", id.ToString());
        Assert.Equal("1101**********002X", $"{id}");
    }

    [Theory]
    [InlineData("530102199005171234", "5301**********1234")]
    [InlineData("USA110905180012", "USA1*******0012")]
    [InlineData("12345", "*****")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Mask_KeepsOnlyTheEnds(string? text, string masked) => Assert.Equal(masked, IdentityMask.Mask(text));

    [Fact]
    public void Property_EveryNumberWithItsComputedCheck_Parses() =>
        Gen.Select(Gen.Int[0, 99_999], Gen.Int[0, 28_000], Gen.Int[0, 999])
            .Sample((address, days, sequence) =>
            {
                var birth = new DateOnly(1950, 1, 1).AddDays(days);
                var first17 = "53" + (address % 10_000).ToString("0000", System.Globalization.CultureInfo.InvariantCulture)
                    + birth.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture)
                    + sequence.ToString("000", System.Globalization.CultureInfo.InvariantCulture);
                var id = IdentityNumber.Parse(first17 + IdentityNumber.CheckCharacter(first17), Today);
                return id.IsOk && id.Value!.BirthDate == birth && id.Value.Gender == (sequence % 2 == 1 ? Gender.Male : Gender.Female);
            });

    [Fact]
    public void Property_ChangingTheCheckCharacter_IsAlwaysCaught() =>
        Gen.Select(Gen.Int[0, 28_000], Gen.Int[0, 999], Gen.Int[0, 10])
            .Sample((days, sequence, other) =>
            {
                var id = Ids.Resident(new DateOnly(1950, 1, 1).AddDays(days), sequence % 2 == 1, sequence: sequence / 2);
                var wrong = "10X98765432"[other];
                if (wrong == id[17])
                {
                    return true;
                }

                var result = IdentityNumber.Parse(id[..17] + wrong, Today);
                return result.Refusals is [{ Code: RefusalCode.IdentityCheckCharacter }];
            });

    [Fact]
    public void Property_ChangingAnyOneDigit_IsCaughtByTheCheck() =>
        Gen.Select(Gen.Int[0, 28_000], Gen.Int[0, 16], Gen.Int[1, 9])
            .Sample((days, position, delta) =>
            {
                var id = Ids.Resident(new DateOnly(1950, 1, 1).AddDays(days)).ToCharArray();
                id[position] = (char)('0' + ((id[position] - '0' + delta) % 10));
                return !IdentityNumber.Parse(new string(id), Today).IsOk;
            });

    private static string WithCheck(string first17) => first17 + IdentityNumber.CheckCharacter(first17);

    private static Refusal AssertRefused(string? text, RefusalCode code)
    {
        var result = IdentityNumber.Parse(text, Today);
        Assert.False(result.IsOk);
        return Assert.Single(result.Refusals, r => r.Code == code);
    }
}
