using LingHuo.Domain;

namespace LingHuo.Runtime;

/// <summary>Bound from configuration section <c>LingHuo:Cases</c>.</summary>
public sealed class CaseOptions
{
    public const string Section = "LingHuo:Cases";

    /// <summary>The rules' policy (prerequisites, retirement group default, working-day limits, premiums).</summary>
    public CasePolicy Policy { get; set; } = CasePolicy.Default;

    /// <summary>
    /// The longest a deadline reminder waits before looking again. A reminder is due at the next SLA alert or supplement
    /// expiry; this bound also makes it notice a changed clock or calendar. It is the reminder's period as well.
    /// </summary>
    public TimeSpan DeadlineCheckInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How many applied request ids a grain remembers for idempotent retries.</summary>
    public int RememberedRequests { get; set; } = 64;
}
