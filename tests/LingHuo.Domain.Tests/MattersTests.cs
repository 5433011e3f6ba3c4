using LingHuo.Domain.Catalog;

namespace LingHuo.Domain.Tests;

public sealed class MattersTests
{
    [Theory]
    [InlineData(Matter.PersonnelFile, "PERSONNEL_FILE", Department.HumanResourcesSocialSecurity)]
    [InlineData(Matter.SocialInsuranceRegistration, "SOCIAL_INSURANCE_REGISTRATION", Department.HumanResourcesSocialSecurity)]
    [InlineData(Matter.SocialSecurityCard, "SOCIAL_SECURITY_CARD", Department.HumanResourcesSocialSecurity)]
    [InlineData(Matter.MedicalInsurance, "MEDICAL_INSURANCE", Department.MedicalSecurity)]
    [InlineData(Matter.PremiumDeclaration, "PREMIUM_DECLARATION", Department.Tax)]
    [InlineData(Matter.RightsRecordQuery, "RIGHTS_RECORD_QUERY", Department.HumanResourcesSocialSecurity)]
    [InlineData(Matter.ParticipationCertificate, "PARTICIPATION_CERTIFICATE", Department.HumanResourcesSocialSecurity)]
    [InlineData(Matter.EmploymentRegistration, "EMPLOYMENT_REGISTRATION", Department.HumanResourcesSocialSecurity)]
    [InlineData(Matter.EmploymentCertificate, "EMPLOYMENT_CERTIFICATE", Department.HumanResourcesSocialSecurity)]
    public void EachMatter_HasItsStableCodeAndDepartment(Matter matter, string code, Department department)
    {
        var info = Matters.Info(matter);

        Assert.Equal(code, info.Code);
        Assert.Equal(department, info.Department);
        Assert.True(Matters.TryParseCode(code, out var parsed));
        Assert.Equal(matter, parsed);
        Assert.Equal((int)matter, Matters.All.ToList().IndexOf(matter) + 1);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("personnel_file")]
    [InlineData("MATTER_10")]
    public void TryParseCode_Unknown_IsFalse(string? code) => Assert.False(Matters.TryParseCode(code, out _));

    [Fact]
    public void Info_UnknownMatter_IsAProgrammingError() => Assert.Throws<ArgumentOutOfRangeException>(() => Matters.Info((Matter)0));
}
