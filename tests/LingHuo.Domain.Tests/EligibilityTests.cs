using LingHuo.Domain.Catalog;
using LingHuo.Domain.Eligibility;
using LingHuo.Domain.Identity;

namespace LingHuo.Domain.Tests;

public sealed class EligibilityTests
{
    private static readonly DateOnly Acceptance = new(2026, 11, 30);

    private static IEnumerable<RefusalCode> Check(
        string birth, Gender gender = Gender.Male, ApplicantFacts? facts = null, EnumSet<Matter>? matters = null, RetirementGroup defaultFemale = RetirementGroup.Women55) =>
        EligibilityRules.Check(
            DateOnly.Parse(birth, System.Globalization.CultureInfo.InvariantCulture),
            gender,
            facts ?? new ApplicantFacts { EmploymentForm = EmploymentForm.OtherFlexibleEmployment },
            matters ?? EnumSet<Matter>.Of(Matter.SocialInsuranceRegistration),
            Acceptance,
            defaultFemale).Select(r => r.Code);

    [Fact]
    public void Check_AnOrdinaryAdult_PassesEveryCondition() => Assert.Empty(Check("1990-05-17", matters: Matters.AllSet));

    [Theory]
    [InlineData("2010-11-30", true)]  // sixteenth birthday on the acceptance date
    [InlineData("2010-12-01", false)] // one day short
    [InlineData("2012-01-01", false)]
    public void Check_MinimumAge16OnTheAcceptanceDate(string birth, bool eligible) =>
        Assert.Equal(eligible, !Check(birth).Contains(RefusalCode.UnderMinimumAge));

    [Theory]
    [InlineData(28, false)]
    [InlineData(29, true)]
    public void Check_BornOnALeapDay_Is16OnTheLeapDay(int day, bool eligible) =>
        Assert.Equal(eligible, EligibilityRules.Check(new DateOnly(2008, 2, 29), Gender.Male, ApplicantFacts.None, EnumSet<Matter>.Of(Matter.SocialInsuranceRegistration), new DateOnly(2024, 2, day), RetirementGroup.Women55).IsEmpty);

    [Fact]
    public void Check_FullTimeStudent_IsRefused() =>
        Assert.Equal([RefusalCode.FullTimeStudent], Check("2000-01-01", facts: new ApplicantFacts { IsFullTimeStudent = true }));

    // Acceptance on 2026-11-30.
    [Theory]
    [InlineData("1966-07-01", Gender.Male, true)]    // R0 2026-07, m 18, delay 5: retires 2026-12-01
    [InlineData("1966-06-30", Gender.Male, false)]   // R0 2026-06, m 17, delay 5: retires on the acceptance date
    [InlineData("1966-05-15", Gender.Male, false)]   // retired 2026-10-15
    [InlineData("1971-04-10", Gender.Female, false)] // women-55 by default: retired 2026-08-10
    [InlineData("1971-09-10", Gender.Female, true)]  // R0 2026-09, m 20, delay 6: retires 2027-03-10
    public void Check_BelowStatutoryRetirementAge(string birth, Gender gender, bool eligible) =>
        Assert.Equal(eligible, !Check(birth, gender).Contains(RefusalCode.RetirementAgeReached));

    [Fact]
    public void Check_WomanDefaultGroupIsPolicy()
    {
        // Born 1975-06: women-50 retires 2025-06 + 3 = 2025-09 (m 5, pace 2, delay 3); women-55 retires far later.
        Assert.Contains(RefusalCode.RetirementAgeReached, Check("1975-06-01", Gender.Female, defaultFemale: RetirementGroup.Women50));
        Assert.DoesNotContain(RefusalCode.RetirementAgeReached, Check("1975-06-01", Gender.Female, defaultFemale: RetirementGroup.Women55));
    }

    [Fact]
    public void Check_DeclaredGroup_OverridesThePolicy() =>
        Assert.Contains(RefusalCode.RetirementAgeReached, Check("1975-06-01", Gender.Female, facts: new ApplicantFacts { DeclaredRetirementGroup = RetirementGroup.Women50 }));

    [Fact]
    public void Check_ManDeclaringAWomensGroup_IsRefused() =>
        Assert.Equal([RefusalCode.RetirementGroupMismatch], Check("1990-01-01", Gender.Male, facts: new ApplicantFacts { DeclaredRetirementGroup = RetirementGroup.Women50 }));

    [Theory]
    [InlineData(Matter.SocialSecurityCard, RefusalCode.SocialSecurityCardAlreadyIssued)]
    [InlineData(Matter.MedicalInsurance, RefusalCode.EmployerMedicalInsured)]
    [InlineData(Matter.EmploymentCertificate, RefusalCode.EmploymentCertificateAlreadyIssued)]
    public void Check_EachMattersCondition_IsCheckedOnlyWhenChosen(Matter matter, RefusalCode code)
    {
        var facts = new ApplicantFacts
        {
            HasSocialSecurityCardInYunnan = true,
            HasEmployerMedicalInsurance = true,
            HasEmploymentCertificate = true,
            EmploymentForm = EmploymentForm.SelfEmployedOperator,
        };

        Assert.Equal([code], Check("1990-01-01", facts: facts, matters: EnumSet<Matter>.Of(matter)));
        Assert.Empty(Check("1990-01-01", facts: facts, matters: EnumSet<Matter>.Of(Matter.SocialInsuranceRegistration)));
    }

    [Fact]
    public void Check_EmploymentMattersWithoutFlexibleEmployment_AreRefusedEach() =>
        Assert.Equal(
            [RefusalCode.NotFlexiblyEmployed, RefusalCode.NotFlexiblyEmployed],
            Check("1990-01-01", facts: ApplicantFacts.None, matters: EnumSet<Matter>.Of(Matter.EmploymentRegistration, Matter.EmploymentCertificate)));

    [Fact]
    public void Check_EveryViolation_IsReportedAtOnce()
    {
        var facts = new ApplicantFacts { IsFullTimeStudent = true, HasSocialSecurityCardInYunnan = true, HasEmployerMedicalInsurance = true };

        Assert.Equal(
            [RefusalCode.UnderMinimumAge, RefusalCode.FullTimeStudent, RefusalCode.SocialSecurityCardAlreadyIssued, RefusalCode.EmployerMedicalInsured, RefusalCode.NotFlexiblyEmployed],
            Check("2012-01-01", facts: facts, matters: EnumSet<Matter>.Of(Matter.SocialSecurityCard, Matter.MedicalInsurance, Matter.EmploymentRegistration)));
    }

    [Fact]
    public void Merge_AFactKnownOnEitherSide_IsKnown()
    {
        var declared = new ApplicantFacts { EmploymentForm = EmploymentForm.SelfEmployedOperator, HasContributionRecords = true };
        var recorded = new ApplicantFacts { EmploymentForm = EmploymentForm.OtherFlexibleEmployment, HasSocialSecurityCardInYunnan = true, DeclaredRetirementGroup = RetirementGroup.Women50 };

        var merged = declared.Merge(recorded);

        Assert.Equal(EmploymentForm.SelfEmployedOperator, merged.EmploymentForm);
        Assert.True(merged.HasContributionRecords && merged.HasSocialSecurityCardInYunnan);
        Assert.Equal(RetirementGroup.Women50, merged.DeclaredRetirementGroup);
        Assert.Equal(EmploymentForm.OtherFlexibleEmployment, ApplicantFacts.None.Merge(recorded).EmploymentForm);
    }
}
