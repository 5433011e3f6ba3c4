using System.Globalization;
using LingHuo.Domain.Divisions;

namespace LingHuo.Domain.Cases;

/// <summary>
/// An application's number, county-date-sequence (<c>530102-20261128-000123</c>): the county that handles it, the Beijing
/// date it was filed on and that county's sequence of the day. It is also the application grain's key, so the text is
/// kept exactly as given, and is all the value holds (as small as the string it replaces); the parts are read from it.
/// </summary>
public readonly struct ApplicationNumber : IEquatable<ApplicationNumber>
{
    public const int MinSequenceDigits = 6;
    public const int MaxSequenceDigits = 10;

    private readonly string? _text;

    private ApplicationNumber(string text) => _text = text;

    public DivisionCode County => DivisionCode.Parse(Value[..DivisionCode.CountyLength]);

    public DateOnly Date => DateOnly.ParseExact(Value.AsSpan(7, 8), "yyyyMMdd", CultureInfo.InvariantCulture);

    public long Sequence => long.Parse(Value.AsSpan(16), NumberStyles.None, CultureInfo.InvariantCulture);

    public string Value => _text ?? "";

    /// <summary>The key of the numbering grain that hands out this county's sequence numbers for the day.</summary>
    public static string DayKey(DivisionCode county, DateOnly date) => $"{county}-{Day(date)}";

    public static ApplicationNumber Create(DivisionCode county, DateOnly date, long sequence)
    {
        if (!county.IsCounty)
        {
            throw new ArgumentException($"'{county}' is not a county code.", nameof(county));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sequence);
        var text = $"{county}-{Day(date)}-{sequence.ToString("000000", CultureInfo.InvariantCulture)}";
        return text.Length <= 15 + 1 + MaxSequenceDigits
            ? new ApplicationNumber(text)
            : throw new ArgumentOutOfRangeException(nameof(sequence), "The day's sequence has more than 10 digits.");
    }

    /// <summary>Six digits, a real yyyyMMdd date and a sequence of 6 to 10 digits, separated by hyphens; ASCII only.</summary>
    public static bool TryParse(string? text, out ApplicationNumber number)
    {
        number = default;
        if (text is not { Length: >= 22 and <= 15 + 1 + MaxSequenceDigits } || text[6] != '-' || text[15] != '-'
            || text.AsSpan(0, 6).ContainsAnyExceptInRange('0', '9')
            || text.AsSpan(7, 8).ContainsAnyExceptInRange('0', '9')
            || text.AsSpan(16).ContainsAnyExceptInRange('0', '9')
            || !DateOnly.TryParseExact(text.AsSpan(7, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return false;
        }

        number = new ApplicationNumber(text);
        return true;
    }

    /// <summary>The number, or why the text is none (REQUIRED when empty, INVALID_VALUE otherwise).</summary>
    public static Result<ApplicationNumber> Parse(string? text, string field = "number")
    {
        if (string.IsNullOrEmpty(text))
        {
            return Refusals.Required(field, "申请编号", "application number");
        }

        return TryParse(text, out var number)
            ? number
            : Refusals.InvalidValue(field, "申请编号", "application number", "形如 530102-20261128-000123 的编号", "a number like 530102-20261128-000123");
    }

    /// <summary>A number the platform issued (a grain key, a stored row): anything else is a defect, so it throws.</summary>
    public static ApplicationNumber Trusted(string text) =>
        TryParse(text, out var number) ? number : throw new FormatException($"'{text}' is not an application number.");

    public bool Equals(ApplicationNumber other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is ApplicationNumber other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public override string ToString() => Value;

    public static bool operator ==(ApplicationNumber left, ApplicationNumber right) => left.Equals(right);

    public static bool operator !=(ApplicationNumber left, ApplicationNumber right) => !left.Equals(right);

    private static string Day(DateOnly date) => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}
