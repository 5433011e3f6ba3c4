namespace LingHuo.Domain.Cases;

public enum MatterStatus
{
    /// <summary>The application is not accepted yet.</summary>
    Pending = 1,
    WaitingForPrerequisites = 2,
    ReadyForDepartment = 3,
    Claimed = 4,
    Completed = 5,
    Rejected = 6,
    Cancelled = 7,

    /// <summary>时限中止: the department returned it for the applicant to supplement; its clock is paused.</summary>
    WaitingForApplicant = 8,
}
