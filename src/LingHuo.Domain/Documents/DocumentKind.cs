namespace LingHuo.Domain.Documents;

/// <summary>The numbered documents of the workflow. Values are stable.</summary>
public enum DocumentKind
{
    /// <summary>受理通知书.</summary>
    AcceptanceNotice = 1,

    /// <summary>不予受理决定书.</summary>
    RefusalDecision = 2,

    /// <summary>补正告知书 (一次性告知书): everything to supplement, at once.</summary>
    SupplementNotice = 3,

    /// <summary>参保证明: matter 7's result.</summary>
    ParticipationCertificate = 4,
}
