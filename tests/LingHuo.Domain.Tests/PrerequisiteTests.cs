using LingHuo.Domain.Catalog;
using LingHuo.Domain.Eligibility;
using LingHuo.Domain.Intake;

namespace LingHuo.Domain.Tests;

public sealed class PrerequisiteTests
{
    private static readonly PrerequisitePolicy Policy = PrerequisitePolicy.Default;
    private static readonly EnumSet<Material> NoProof = EnumSet<Material>.Of(Material.ApplicationForm, Material.IdentityDocument);
    private static readonly EnumSet<Material> WithProof = NoProof.Add(Material.InsuranceProof);

    [Theory]
    [InlineData(Matter.PersonnelFile, new[] { Matter.SocialInsuranceRegistration })]
    [InlineData(Matter.SocialInsuranceRegistration, new Matter[0])]
    [InlineData(Matter.SocialSecurityCard, new[] { Matter.SocialInsuranceRegistration })]
    [InlineData(Matter.MedicalInsurance, new Matter[0])]
    [InlineData(Matter.PremiumDeclaration, new[] { Matter.SocialInsuranceRegistration, Matter.MedicalInsurance })]
    [InlineData(Matter.RightsRecordQuery, new[] { Matter.PremiumDeclaration })]
    [InlineData(Matter.ParticipationCertificate, new[] { Matter.PremiumDeclaration })]
    [InlineData(Matter.EmploymentRegistration, new Matter[0])]
    [InlineData(Matter.EmploymentCertificate, new[] { Matter.EmploymentRegistration })]
    public void Default_GraphFollowsDomainSection2(Matter matter, Matter[] prerequisites) =>
        Assert.Equal(EnumSet<Matter>.Of(prerequisites), Policy.Pending(matter, NoProof, ApplicantFacts.None));

    [Fact]
    public void PersonnelFile_WithProofHandedIn_WaitsForNothing() =>
        Assert.True(Policy.Pending(Matter.PersonnelFile, WithProof, ApplicantFacts.None).IsEmpty);

    [Theory]
    [InlineData(Matter.RightsRecordQuery)]
    [InlineData(Matter.ParticipationCertificate)]
    public void RecordsAndCertificate_WithContributionRecords_WaitForNothing(Matter matter) =>
        Assert.True(Policy.Pending(matter, NoProof, new ApplicantFacts { HasContributionRecords = true }).IsEmpty);

    [Fact]
    public void CheckChoice_NamesEachMissingPrerequisite()
    {
        var refusals = Policy.CheckChoice(EnumSet<Matter>.Of(Matter.PremiumDeclaration, Matter.EmploymentCertificate), NoProof, ApplicantFacts.None);

        Assert.Equal(3, refusals.Length);
        Assert.All(refusals, r => Assert.Equal(RefusalCode.MatterPrerequisiteMissing, r.Code));
        Assert.Contains(refusals, r => r.MessageEn.Contains("PREMIUM_DECLARATION needs SOCIAL_INSURANCE_REGISTRATION", StringComparison.Ordinal));
        Assert.Contains(refusals, r => r.MessageEn.Contains("PREMIUM_DECLARATION needs MEDICAL_INSURANCE", StringComparison.Ordinal));
        Assert.Contains(refusals, r => r.MessageEn.Contains("EMPLOYMENT_CERTIFICATE needs EMPLOYMENT_REGISTRATION", StringComparison.Ordinal));
    }

    [Fact]
    public void CheckChoice_PrerequisiteAlreadySatisfiedByFacts_NeedNotBeChosen()
    {
        var facts = new ApplicantFacts { HasSocialInsuranceRegistration = true, HasFlexibleMedicalEnrollment = true };

        Assert.Empty(Policy.CheckChoice(EnumSet<Matter>.Of(Matter.PremiumDeclaration, Matter.SocialSecurityCard), NoProof, facts));
    }

    [Fact]
    public void CheckChoice_AllNine_IsComplete() => Assert.Empty(Policy.CheckChoice(Matters.AllSet, NoProof, ApplicantFacts.None));

    [Fact]
    public void Create_ACycle_IsRefused()
    {
        var result = PrerequisitePolicy.Create(
        [
            new(Matter.SocialSecurityCard, Matter.SocialInsuranceRegistration),
            new(Matter.SocialInsuranceRegistration, Matter.MedicalInsurance),
            new(Matter.MedicalInsurance, Matter.SocialSecurityCard),
        ]);

        Assert.Equal(RefusalCode.PolicyInvalid, Assert.Single(result.Refusals).Code);
    }

    [Theory]
    [InlineData(Matter.SocialSecurityCard, Matter.SocialSecurityCard)]
    [InlineData((Matter)0, Matter.SocialSecurityCard)]
    [InlineData(Matter.SocialSecurityCard, (Matter)10)]
    public void Create_MalformedRule_IsRefused(Matter matter, Matter requires) =>
        Assert.False(PrerequisitePolicy.Create([new(matter, requires)]).IsOk);

    [Fact]
    public void Create_OperatorsOwnRules_AreUsed()
    {
        var policy = PrerequisitePolicy.Create([new(Matter.MedicalInsurance, Matter.SocialInsuranceRegistration)]).Value!;

        Assert.Equal(EnumSet<Matter>.Of(Matter.SocialInsuranceRegistration), policy.Pending(Matter.MedicalInsurance, NoProof, ApplicantFacts.None));
        Assert.True(policy.Pending(Matter.PremiumDeclaration, NoProof, ApplicantFacts.None).IsEmpty);
    }
}
