using System.Collections.Frozen;

namespace LingHuo.Domain.Catalog;

/// <summary>The fixed facts of each matter: stable code, handling department, names.</summary>
public static class Matters
{
    private static readonly MatterInfo[] ByValue =
    [
        null!,
        new(Matter.PersonnelFile, "PERSONNEL_FILE", Department.HumanResourcesSocialSecurity, "流动人员人事档案接收和转递", "Receipt and transfer of the mobile-personnel file"),
        new(Matter.SocialInsuranceRegistration, "SOCIAL_INSURANCE_REGISTRATION", Department.HumanResourcesSocialSecurity, "社会保险登记", "Social insurance registration"),
        new(Matter.SocialSecurityCard, "SOCIAL_SECURITY_CARD", Department.HumanResourcesSocialSecurity, "社会保障卡（含电子社保卡）申领", "Social security card (incl. electronic card)"),
        new(Matter.MedicalInsurance, "MEDICAL_INSURANCE", Department.MedicalSecurity, "基本医疗保险参保和变更登记", "Basic medical insurance enrollment or change"),
        new(Matter.PremiumDeclaration, "PREMIUM_DECLARATION", Department.Tax, "灵活就业人员社会保险费申报", "Social insurance premium declaration for flexible workers"),
        new(Matter.RightsRecordQuery, "RIGHTS_RECORD_QUERY", Department.HumanResourcesSocialSecurity, "个人权益记录查询", "Personal rights record query"),
        new(Matter.ParticipationCertificate, "PARTICIPATION_CERTIFICATE", Department.HumanResourcesSocialSecurity, "个人社保参保证明打印", "Social insurance participation certificate"),
        new(Matter.EmploymentRegistration, "EMPLOYMENT_REGISTRATION", Department.HumanResourcesSocialSecurity, "就业登记", "Employment registration"),
        new(Matter.EmploymentCertificate, "EMPLOYMENT_CERTIFICATE", Department.HumanResourcesSocialSecurity, "就业创业证申领", "Employment and entrepreneurship certificate"),
    ];

    private static readonly FrozenDictionary<string, Matter> ByCode =
        ByValue.Skip(1).ToFrozenDictionary(m => m.Code, m => m.Matter, StringComparer.Ordinal);

    public static IReadOnlyList<Matter> All { get; } = [.. Enum.GetValues<Matter>()];

    public static EnumSet<Matter> AllSet { get; } = EnumSet<Matter>.Of([.. Enum.GetValues<Matter>()]);

    public static bool IsDefined(Matter matter) => matter is >= Matter.PersonnelFile and <= Matter.EmploymentCertificate;

    public static MatterInfo Info(Matter matter) =>
        IsDefined(matter) ? ByValue[(int)matter] : throw new ArgumentOutOfRangeException(nameof(matter), matter, "Unknown matter.");

    public static Department DepartmentOf(Matter matter) => Info(matter).Department;

    /// <summary>Matters whose result is a thing handed over (送达): the personnel file and the social security card.</summary>
    public static EnumSet<Matter> Delivered { get; } = EnumSet<Matter>.Of(Matter.PersonnelFile, Matter.SocialSecurityCard);

    public static bool TryParseCode(string? code, out Matter matter) => ByCode.TryGetValue(code ?? "", out matter);

    public static string DepartmentNameZh(Department department) => department switch
    {
        Department.HumanResourcesSocialSecurity => "人社",
        Department.MedicalSecurity => "医保",
        Department.Tax => "税务",
        _ => throw new ArgumentOutOfRangeException(nameof(department), department, "Unknown department."),
    };
}
