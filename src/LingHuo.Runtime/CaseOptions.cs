using LingHuo.Domain;
using LingHuo.Domain.Notifications;

namespace LingHuo.Runtime;

/// <summary>Bound from configuration section <c>LingHuo:Cases</c>.</summary>
public sealed class CaseOptions
{
    public const string Section = "LingHuo:Cases";

    /// <summary>The rules' policy (prerequisites, retirement group default, working-day limits, premiums).</summary>
    public CasePolicy Policy { get; set; } = CasePolicy.Default;

    /// <summary>Which counties review submissions by hand and which accept complete ones at once.</summary>
    public AcceptanceSettings Acceptance { get; set; } = new();

    /// <summary>
    /// How often each silo looks for applications whose next deadline (review period, supplement expiry, SLA alert) has passed. It bounds
    /// how late a deadline is acted on, also after a restart or failover.
    /// </summary>
    public TimeSpan DeadlineSweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a silo's claim on a due application lasts: if that silo dies before the application acted, another silo
    /// sweeps it after this long.
    /// </summary>
    public TimeSpan DeadlineClaim { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many applied request ids a grain remembers for idempotent retries.</summary>
    public int RememberedRequests { get; set; } = 64;

    /// <summary>A province's own wording of some messages to applicants (<c>Messages:Accepted = …</c>), over the defaults.</summary>
    public Dictionary<MessageKind, string> Messages { get; set; } = [];

    /// <summary>The message templates in force: the defaults with <see cref="Messages"/> (checked at start).</summary>
    public MessageTemplates Templates => _templates ??= MessageTemplates.With(Messages).Value ?? MessageTemplates.Default;

    private MessageTemplates? _templates;
}
