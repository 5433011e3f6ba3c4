namespace LingHuo.Domain.Intake;

/// <summary>The five materials of the guide (M1..M5). Values are stable.</summary>
public enum Material
{
    /// <summary>M1, 申请表: all matters.</summary>
    ApplicationForm = 1,

    /// <summary>M2, 居民身份证或社会保障卡等有效身份证明: all matters.</summary>
    IdentityDocument = 2,

    /// <summary>M3, 白底证件照: the social security card.</summary>
    IdPhoto = 3,

    /// <summary>M4, 灵活就业参保证明材料: the personnel file, at the window only.</summary>
    InsuranceProof = 4,

    /// <summary>M5, 工商营业执照复印件: optional for employment registration.</summary>
    BusinessLicence = 5,
}
