namespace LingHuo.Domain.Catalog;

/// <summary>The three handling departments. Values are stable.</summary>
public enum Department
{
    /// <summary>人社, the lead department.</summary>
    HumanResourcesSocialSecurity = 1,

    /// <summary>医保.</summary>
    MedicalSecurity = 2,

    /// <summary>税务.</summary>
    Tax = 3,
}
