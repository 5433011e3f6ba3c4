using LingHuo.Domain.Eligibility;

namespace LingHuo.Domain.Tests;

public sealed class RetirementAgeTests
{
    // DOMAIN §5 checks.
    [Theory]
    [InlineData(1965, 1, RetirementGroup.Men60, 2025, 2)]
    [InlineData(1965, 12, RetirementGroup.Men60, 2026, 3)]
    [InlineData(1971, 4, RetirementGroup.Women55, 2026, 8)]
    [InlineData(1995, 12, RetirementGroup.Women50, 2050, 12)]
    [InlineData(1964, 12, RetirementGroup.Men60, 2024, 12)]
    public void RetirementMonth_MatchesTheWorkedExamples(int birthYear, int birthMonth, RetirementGroup group, int year, int month) =>
        Assert.Equal((year, month), RetirementAge.RetirementMonth(birthYear, birthMonth, group));

    [Theory]
    [InlineData(1976, 8, RetirementGroup.Men60, 2039, 7)]    // m = 139: delay 35, the last before the cap
    [InlineData(1976, 9, RetirementGroup.Men60, 2039, 9)]    // m = 140: the 36-month cap
    [InlineData(1980, 1, RetirementGroup.Men60, 2043, 1)]    // capped
    [InlineData(1969, 12, RetirementGroup.Women55, 2024, 12)] // original 55 before 2025: no delay
    [InlineData(1974, 12, RetirementGroup.Women50, 2024, 12)] // original 50 before 2025: no delay
    [InlineData(1975, 1, RetirementGroup.Women50, 2025, 2)]  // first delayed cohort of women-50
    [InlineData(1975, 3, RetirementGroup.Women50, 2025, 5)]  // m = 2, pace 2: delay 2
    [InlineData(1990, 1, RetirementGroup.Women55, 2048, 1)]  // 55 + 36 months
    public void RetirementMonth_AtTheEdges(int birthYear, int birthMonth, RetirementGroup group, int year, int month) =>
        Assert.Equal((year, month), RetirementAge.RetirementMonth(birthYear, birthMonth, group));

    [Fact]
    public void RetirementDate_IsTheBirthdayInTheRetirementMonth() =>
        Assert.Equal(new DateOnly(2025, 2, 15), RetirementAge.RetirementDate(new DateOnly(1965, 1, 15), RetirementGroup.Men60));

    [Fact]
    public void RetirementDate_ClampsToTheEndOfAShortMonth() =>
        Assert.Equal(new DateOnly(2025, 2, 28), RetirementAge.RetirementDate(new DateOnly(1965, 1, 31), RetirementGroup.Men60));

    [Theory]
    [InlineData(Identity.Gender.Male, null, RetirementGroup.Men60)]
    [InlineData(Identity.Gender.Female, null, RetirementGroup.Women55)]
    [InlineData(Identity.Gender.Female, RetirementGroup.Women50, RetirementGroup.Women50)]
    public void GroupOf_UsesTheDeclarationOverTheDefault(Identity.Gender gender, RetirementGroup? declared, RetirementGroup expected) =>
        Assert.Equal(expected, RetirementAge.GroupOf(gender, declared, RetirementGroup.Women55));

    [Fact]
    public void Property_LaterBirthNeverRetiresEarlier()
    {
        foreach (var group in Enum.GetValues<RetirementGroup>())
        {
            var previous = (Year: 0, Month: 0);
            for (var months = 1940 * 12; months < 2010 * 12; months++)
            {
                var current = RetirementAge.RetirementMonth(months / 12, (months % 12) + 1, group);
                Assert.True(current.CompareTo(previous) >= 0, $"{group} born {months / 12}-{(months % 12) + 1}");
                previous = current;
            }
        }
    }
}
