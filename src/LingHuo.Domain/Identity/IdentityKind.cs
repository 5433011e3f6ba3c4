namespace LingHuo.Domain.Identity;

public enum IdentityKind
{
    /// <summary>居民身份证 (GB 11643-1999).</summary>
    ResidentId = 1,

    /// <summary>港澳台居民居住证, address code 810000.</summary>
    HongKongResidencePermit = 2,

    /// <summary>address code 820000.</summary>
    MacauResidencePermit = 3,

    /// <summary>address code 830000.</summary>
    TaiwanResidencePermit = 4,

    /// <summary>外国人永久居留身份证, 2023 format: 18 characters starting with 9.</summary>
    ForeignPermanentResident = 5,

    /// <summary>The 2004 format of the foreign permanent resident card: 3 letters and 12 digits, valid until expiry.</summary>
    ForeignPermanentResidentLegacy = 6,
}
