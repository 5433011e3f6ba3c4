namespace LingHuo.Domain.Cases;

/// <summary>The application's stage (DOMAIN §9). Values are stable.</summary>
public enum ApplicationStatus
{
    /// <summary>预受理: submitted, awaiting the acceptance decision.</summary>
    PreCheck = 1,

    /// <summary>补正: a supplement notice is out, with its own deadline.</summary>
    SupplementRequired = 2,

    /// <summary>受理: matters are with the departments, the SLA clock runs.</summary>
    Accepted = 3,

    /// <summary>办结: see <see cref="ApplicationOutcome"/>.</summary>
    Closed = 4,
}
