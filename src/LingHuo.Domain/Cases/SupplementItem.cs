using LingHuo.Domain.Intake;

namespace LingHuo.Domain.Cases;

/// <summary>One line of a supplement notice: a missing or defective material and why.</summary>
public sealed record SupplementItem(Material Material, string Reason);
