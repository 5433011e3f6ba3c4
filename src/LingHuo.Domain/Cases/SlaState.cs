namespace LingHuo.Domain.Cases;

public enum SlaState
{
    OnTime = 1,

    /// <summary>Within the final working day before the deadline.</summary>
    DueSoon = 2,

    Breached = 3,

    /// <summary>时限中止: a department waits for the applicant; the clocks stand still.</summary>
    Paused = 4,
}
