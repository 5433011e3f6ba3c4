namespace LingHuo.Domain.Eligibility;

/// <summary>
/// What is known of a person besides what the identity number tells (birth date, gender): declared by the applicant or
/// recorded by a department. Flags default to "not known to be so".
/// </summary>
public sealed record ApplicantFacts
{
    public static ApplicantFacts None { get; } = new();

    public bool IsFullTimeStudent { get; init; }

    /// <summary>A declared retirement category overrides the provincial default for women.</summary>
    public RetirementGroup? DeclaredRetirementGroup { get; init; }

    public EmploymentForm EmploymentForm { get; init; }

    /// <summary>Matter 3's condition: never applied for a social security card in Yunnan.</summary>
    public bool HasSocialSecurityCardInYunnan { get; init; }

    /// <summary>Matter 4's condition: not insured in employee medical insurance through an employer.</summary>
    public bool HasEmployerMedicalInsurance { get; init; }

    /// <summary>Matter 9's condition: first application for the certificate.</summary>
    public bool HasEmploymentCertificate { get; init; }

    /// <summary>Pension or medical contribution records exist (satisfies matter 5 as a prerequisite of 6 and 7).</summary>
    public bool HasContributionRecords { get; init; }

    /// <summary>Already registered for enterprise-employee pension insurance (satisfies matter 2 as a prerequisite).</summary>
    public bool HasSocialInsuranceRegistration { get; init; }

    /// <summary>Already enrolled in employee medical insurance as a flexible worker (satisfies matter 4 as a prerequisite).</summary>
    public bool HasFlexibleMedicalEnrollment { get; init; }

    /// <summary>Already registered as employed (satisfies matter 8 as a prerequisite of 9).</summary>
    public bool HasEmploymentRegistration { get; init; }

    /// <summary>
    /// What the applicant declares, completed by what departments recorded: a fact known to be so from either side is
    /// so; a declared category or employment form wins over a recorded one.
    /// </summary>
    public ApplicantFacts Merge(ApplicantFacts recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return new ApplicantFacts
        {
            IsFullTimeStudent = IsFullTimeStudent || recorded.IsFullTimeStudent,
            DeclaredRetirementGroup = DeclaredRetirementGroup ?? recorded.DeclaredRetirementGroup,
            EmploymentForm = EmploymentForm != EmploymentForm.None ? EmploymentForm : recorded.EmploymentForm,
            HasSocialSecurityCardInYunnan = HasSocialSecurityCardInYunnan || recorded.HasSocialSecurityCardInYunnan,
            HasEmployerMedicalInsurance = HasEmployerMedicalInsurance || recorded.HasEmployerMedicalInsurance,
            HasEmploymentCertificate = HasEmploymentCertificate || recorded.HasEmploymentCertificate,
            HasContributionRecords = HasContributionRecords || recorded.HasContributionRecords,
            HasSocialInsuranceRegistration = HasSocialInsuranceRegistration || recorded.HasSocialInsuranceRegistration,
            HasFlexibleMedicalEnrollment = HasFlexibleMedicalEnrollment || recorded.HasFlexibleMedicalEnrollment,
            HasEmploymentRegistration = HasEmploymentRegistration || recorded.HasEmploymentRegistration,
        };
    }

    /// <summary>The same facts with <paramref name="cleared"/> no longer so (a student who graduated, a card cancelled).</summary>
    public ApplicantFacts Without(EnumSet<ApplicantFact> cleared) => this with
    {
        IsFullTimeStudent = IsFullTimeStudent && !cleared.Contains(ApplicantFact.FullTimeStudent),
        HasSocialSecurityCardInYunnan = HasSocialSecurityCardInYunnan && !cleared.Contains(ApplicantFact.SocialSecurityCardInYunnan),
        HasEmployerMedicalInsurance = HasEmployerMedicalInsurance && !cleared.Contains(ApplicantFact.EmployerMedicalInsurance),
        HasEmploymentCertificate = HasEmploymentCertificate && !cleared.Contains(ApplicantFact.EmploymentCertificate),
        HasContributionRecords = HasContributionRecords && !cleared.Contains(ApplicantFact.ContributionRecords),
        HasSocialInsuranceRegistration = HasSocialInsuranceRegistration && !cleared.Contains(ApplicantFact.SocialInsuranceRegistration),
        HasFlexibleMedicalEnrollment = HasFlexibleMedicalEnrollment && !cleared.Contains(ApplicantFact.FlexibleMedicalEnrollment),
        HasEmploymentRegistration = HasEmploymentRegistration && !cleared.Contains(ApplicantFact.EmploymentRegistration),
    };

    /// <summary>The yes/no facts that are so.</summary>
    public EnumSet<ApplicantFact> Set
    {
        get
        {
            var set = EnumSet<ApplicantFact>.Empty;
            set = IsFullTimeStudent ? set.Add(ApplicantFact.FullTimeStudent) : set;
            set = HasSocialSecurityCardInYunnan ? set.Add(ApplicantFact.SocialSecurityCardInYunnan) : set;
            set = HasEmployerMedicalInsurance ? set.Add(ApplicantFact.EmployerMedicalInsurance) : set;
            set = HasEmploymentCertificate ? set.Add(ApplicantFact.EmploymentCertificate) : set;
            set = HasContributionRecords ? set.Add(ApplicantFact.ContributionRecords) : set;
            set = HasSocialInsuranceRegistration ? set.Add(ApplicantFact.SocialInsuranceRegistration) : set;
            set = HasFlexibleMedicalEnrollment ? set.Add(ApplicantFact.FlexibleMedicalEnrollment) : set;
            return HasEmploymentRegistration ? set.Add(ApplicantFact.EmploymentRegistration) : set;
        }
    }
}
