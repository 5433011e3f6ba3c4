namespace LingHuo.Domain.Catalog;

/// <summary>The nine matters (事项) of the service. Values are the guide's numbering and are stable.</summary>
public enum Matter
{
    PersonnelFile = 1,
    SocialInsuranceRegistration = 2,
    SocialSecurityCard = 3,
    MedicalInsurance = 4,
    PremiumDeclaration = 5,
    RightsRecordQuery = 6,
    ParticipationCertificate = 7,
    EmploymentRegistration = 8,
    EmploymentCertificate = 9,
}
