namespace LingHuo.Domain.Cases;

public enum CancelReason
{
    PrerequisiteRejected = 1,
    Withdrawn = 2,
    NotAccepted = 3,
    SupplementOverdue = 4,
}
