namespace LingHuo.Domain.Cases;

public enum ApplicationOutcome
{
    None = 0,
    AllCompleted = 1,
    CompletedWithRejections = 2,
    Withdrawn = 3,
    NotAccepted = 4,
    SupplementOverdue = 5,
}
