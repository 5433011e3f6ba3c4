namespace LingHuo.Domain.Eligibility;

/// <summary>A yes/no fact a department may record of a person, or clear. Values are stable and those of the proto enum.</summary>
public enum ApplicantFact
{
    FullTimeStudent = 1,
    SocialSecurityCardInYunnan = 2,
    EmployerMedicalInsurance = 3,
    EmploymentCertificate = 4,
    ContributionRecords = 5,
    SocialInsuranceRegistration = 6,
    FlexibleMedicalEnrollment = 7,
    EmploymentRegistration = 8,
}
