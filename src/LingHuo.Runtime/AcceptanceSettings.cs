namespace LingHuo.Runtime;

/// <summary>
/// Bound from <c>LingHuo:Cases:Acceptance</c>: the mode of every county unless it is named under <see cref="Counties"/>
/// (<c>LingHuo:Cases:Acceptance:Counties:530102 = Auto</c>). A clerk's submission at the window is accepted in the same
/// step whatever the mode.
/// </summary>
public sealed class AcceptanceSettings
{
    public AcceptanceMode Mode { get; set; } = AcceptanceMode.Review;

    public Dictionary<string, AcceptanceMode> Counties { get; set; } = [];

    public AcceptanceMode ModeOf(string county) => Counties.TryGetValue(county, out var mode) ? mode : Mode;

    /// <summary>Every mode is known and every county named is a county of the province.</summary>
    public bool IsValid(Domain.Divisions.DivisionCode province) =>
        Enum.IsDefined(Mode)
        && Counties.All(c => Enum.IsDefined(c.Value) && Domain.Divisions.DivisionCode.County(c.Key, province) is not null);
}
