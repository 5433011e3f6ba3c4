using LingHuo.Domain.Intake;

namespace LingHuo.Domain.Catalog;

/// <summary>
/// <paramref name="Matter"/> waits for <paramref name="Requires"/>, unless <paramref name="WaivedBy"/> was handed in.
/// </summary>
public sealed record PrerequisiteRule(Matter Matter, Matter Requires, Material? WaivedBy = null);
