namespace LingHuo.Runtime;

/// <summary>How a county receives online submissions (<c>LingHuo:Cases:Acceptance</c>).</summary>
public enum AcceptanceMode
{
    /// <summary>Every submission waits in the county's review queue for a clerk to accept, refuse or ask for a supplement.</summary>
    Review = 0,

    /// <summary>
    /// A complete submission is accepted at once and an incomplete one gets a supplement notice listing what is missing,
    /// with no clerk in between: for counties that rely on the platform's own checks.
    /// </summary>
    Auto = 1,
}
