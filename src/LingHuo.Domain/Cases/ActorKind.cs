namespace LingHuo.Domain.Cases;

/// <summary>Who acted on an application. Values are stable (stored with every event) and those of the proto enum.</summary>
public enum ActorKind
{
    /// <summary>The platform itself: a deadline that passed, or a county's auto acceptance.</summary>
    System = 1,
    Applicant = 2,
    Clerk = 3,
    Department = 4,
}
