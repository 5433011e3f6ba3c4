namespace LingHuo.Domain.Divisions;

/// <summary>
/// An administrative division code (GB/T 2260) or a prefix of one: 2 digits name a province, 4 a prefecture, 6 a county.
/// A prefix covers every code that begins with it, which is how a jurisdiction covers its counties and their applications.
/// </summary>
public readonly struct DivisionCode : IEquatable<DivisionCode>
{
    public const int MinLength = 2;
    public const int CountyLength = 6;

    private readonly string? _digits;

    private DivisionCode(string digits) => _digits = digits;

    /// <summary>The digits; empty for <c>default</c>.</summary>
    public string Value => _digits ?? "";

    /// <summary>A county-level code: six digits, not a prefecture's own code (…00).</summary>
    public bool IsCounty => Value.Length == CountyLength && !Value.EndsWith("00", StringComparison.Ordinal);

    /// <summary>2 to 6 ASCII digits.</summary>
    public static bool TryParse(string? text, out DivisionCode code)
    {
        code = default;
        if (text is not { Length: >= MinLength and <= CountyLength } || !text.All(char.IsAsciiDigit))
        {
            return false;
        }

        code = new DivisionCode(text);
        return true;
    }

    /// <summary>Throws on anything <see cref="TryParse"/> refuses: for codes from configuration and code, not from callers.</summary>
    public static DivisionCode Parse(string text) =>
        TryParse(text, out var code) ? code : throw new FormatException($"'{text}' is not a division code (2 to 6 digits).");

    /// <summary>A county of <paramref name="province"/>, or null.</summary>
    public static DivisionCode? County(string? text, DivisionCode province) =>
        TryParse(text, out var code) && code.IsCounty && province.Covers(code) ? code : null;

    /// <summary>Whether <paramref name="other"/> lies within this division (or is it).</summary>
    public bool Covers(DivisionCode other) => other.Value.StartsWith(Value, StringComparison.Ordinal);

    /// <summary>Whether the application was filed in a county within this division.</summary>
    public bool Covers(Cases.ApplicationNumber number) => number.Value.StartsWith(Value, StringComparison.Ordinal);

    public bool Equals(DivisionCode other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is DivisionCode other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public override string ToString() => Value;

    public static bool operator ==(DivisionCode left, DivisionCode right) => left.Equals(right);

    public static bool operator !=(DivisionCode left, DivisionCode right) => !left.Equals(right);
}
