namespace LingHuo.Domain.Intake;

public enum PrecheckVerdict
{
    /// <summary>Nothing blocks acceptance.</summary>
    Pass = 1,

    /// <summary>Only required materials are missing: a supplement notice (补正告知) lists them.</summary>
    SupplementRequired = 2,

    /// <summary>Something other than a missing material blocks it (不予受理, or malformed input).</summary>
    NotAccepted = 3,
}
