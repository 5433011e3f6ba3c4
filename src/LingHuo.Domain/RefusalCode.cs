namespace LingHuo.Domain;

/// <summary>
/// Why something was refused. Codes are part of the public contract: never rename or renumber one.
/// </summary>
public enum RefusalCode
{
    // Input shape
    Required = 1,
    IdentityLength = 2,
    IdentityCharacter = 3,
    IdentityAddressCode = 4,
    IdentityBirthDate = 5,
    IdentityBirthDateInFuture = 6,
    IdentityCheckCharacter = 7,
    CountyCodeInvalid = 8,
    MatterUnknown = 9,
    MatterDuplicate = 10,
    MatterPrerequisiteMissing = 11,
    MaterialUnknown = 12,
    MaterialDuplicate = 13,
    MaterialSourceNotAllowed = 14,
    MaterialMissing = 15,
    ChannelUnknown = 16,
    ContributionBaseOutOfRange = 17,
    PaymentCycleUnknown = 18,
    DateInvalid = 19,
    TooLong = 20,
    InvalidValue = 21,
    InvalidCharacter = 22,

    // Eligibility (who may apply, and each matter's acceptance condition)
    UnderMinimumAge = 30,
    FullTimeStudent = 31,
    RetirementAgeReached = 32,
    SocialSecurityCardAlreadyIssued = 33,
    EmployerMedicalInsured = 34,
    NotFlexiblyEmployed = 35,
    EmploymentCertificateAlreadyIssued = 36,
    RetirementGroupMismatch = 37,

    // State machine
    IllegalTransition = 50,
    MatterNotChosen = 51,
    WrongDepartment = 52,
    SupplementOverdue = 53,
    SupplementNotDue = 54,
    ApplicationAlreadyOpen = 55,
    ApplicationNotFound = 56,
    RequestIdReused = 57,

    /// <summary>一次告知: a supplement notice is already open for the application.</summary>
    SupplementAlreadyRequested = 58,

    /// <summary>A supplement answer that leaves materials of the notice unanswered.</summary>
    SupplementIncomplete = 59,

    /// <summary>A result that is not ready for delivery (its matter not completed, nothing to hand over) or was delivered already.</summary>
    ResultNotAwaitingDelivery = 60,

    /// <summary>The service was rated already: one rating per application.</summary>
    AlreadyRated = 61,

    // Calendar and policy data
    CalendarScheduleInvalid = 70,
    PolicyInvalid = 71,

    // Uploaded files
    PhotoInvalid = 80,

    /// <summary>An uploaded file that is not of an accepted type (read from its bytes), mislabelled, or too large.</summary>
    FileInvalid = 81,
}
