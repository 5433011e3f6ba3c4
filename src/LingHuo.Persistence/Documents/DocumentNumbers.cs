using System.Globalization;

namespace LingHuo.Persistence.Documents;

/// <summary>A document number: the issuing county, the year, the sequence within them, e.g. <c>530102-2026-000042</c>.</summary>
public static class DocumentNumbers
{
    public static string Format(string county, int year, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{county}-{year:0000}-{sequence:000000}");

    public static bool IsWellFormed(string? number) =>
        number is { Length: 18 } && number[6] == '-' && number[11] == '-'
        && number.Where((c, i) => i is not (6 or 11)).All(char.IsAsciiDigit);
}
