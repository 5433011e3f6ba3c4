using System.Collections.Immutable;
using System.Globalization;

namespace LingHuo.Domain.Identity;

/// <summary>
/// A checked identity number. <see cref="ToString"/> masks it, so that an accidental log line leaks nothing;
/// <see cref="Value"/> is the full normalized number, for the few places that need it (the applicant key HMAC).
/// </summary>
public sealed class IdentityNumber : IEquatable<IdentityNumber>
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    private IdentityNumber(string value, IdentityKind kind, DateOnly birthDate, Gender gender)
    {
        Value = value;
        Kind = kind;
        BirthDate = birthDate;
        Gender = gender;
    }

    public string Value { get; }

    public IdentityKind Kind { get; }

    public DateOnly BirthDate { get; }

    public Gender Gender { get; }

    public string Masked => IdentityMask.Mask(Value);

    public override string ToString() => Masked;

    public bool Equals(IdentityNumber? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as IdentityNumber);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>
    /// The ISO 7064 MOD 11-2 check character for the first 17 digits.
    /// </summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            throw new ArgumentException("Needs exactly 17 digits.", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var digit = first17[i] - '0';
            if ((uint)digit > 9)
            {
                throw new ArgumentException("Needs digits only.", nameof(first17));
            }

            sum += digit * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    /// <summary>
    /// The resident identity number of these parts (GB 11643): a six-digit address code, the birth date, a three-digit
    /// sequence (odd for a man, even for a woman) and the check character. For samples, load and tests: a real number is
    /// issued, never composed.
    /// </summary>
    public static string Compose(string addressCode, DateOnly birthDate, int sequence)
    {
        if (addressCode is not { Length: 6 } || addressCode.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            throw new ArgumentException("The address code must be six digits.", nameof(addressCode));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, 999);
        var first17 = addressCode + birthDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + sequence.ToString("000", CultureInfo.InvariantCulture);
        return first17 + CheckCharacter(first17);
    }

    /// <summary>
    /// Parses and checks an identity number as of <paramref name="today"/> (a birth date may not be later).
    /// Every failure names its precise reason; the number itself never appears in a message.
    /// </summary>
    public static Result<IdentityNumber> Parse(string? text, DateOnly today, string field = "identityNumber")
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Refusals.Required(field, "证件号码", "identity number");
        }

        var span = text.AsSpan();
        return span.Length switch
        {
            18 => Parse18(text, today, field),
            15 => ParseLegacyForeign(text, today, field),
            _ => Refusals.IdentityLength(field, span.Length),
        };
    }

    private static Result<IdentityNumber> Parse18(string text, DateOnly today, string field)
    {
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return Refusals.IdentityCharacter(field, i + 1, "0-9");
            }
        }

        var last = text[17];
        if (!char.IsAsciiDigit(last) && last is not ('X' or 'x'))
        {
            return Refusals.IdentityCharacter(field, 18, "0-9 or X");
        }

        // The builder is made only on the first problem: a valid number allocates nothing but itself.
        ImmutableArray<Refusal>.Builder? refusals = null;
        var kind = KindOf(text.AsSpan(0, 6));
        if (kind is null)
        {
            Add(ref refusals, Refusals.IdentityAddressCode(field));
        }

        var birth = ParseBirthDate(text.AsSpan(6, 8), field, today, ref refusals);

        var expected = CheckCharacter(text.AsSpan(0, 17));
        var actual = char.ToUpperInvariant(last);
        if (actual != expected)
        {
            Add(ref refusals, Refusals.IdentityCheckCharacter(field, expected, actual));
        }

        if (refusals is not null)
        {
            return Result<IdentityNumber>.Refused(refusals.ToImmutable());
        }

        var value = last == 'x' ? string.Concat(text.AsSpan(0, 17), "X") : text;
        var gender = (text[16] - '0') % 2 == 1 ? Gender.Male : Gender.Female;
        return new IdentityNumber(value, kind!.Value, birth!.Value, gender);
    }

    /// <summary>
    /// The 2004 card: 3-letter nationality, 2-digit issuing region, YYMMDD birth date, 3-digit sequence (odd = male)
    /// and a check digit whose algorithm is not published with the guide, so it is not verified here.
    /// </summary>
    private static Result<IdentityNumber> ParseLegacyForeign(string text, DateOnly today, string field)
    {
        for (var i = 0; i < 3; i++)
        {
            if (!char.IsAsciiLetter(text[i]))
            {
                return Refusals.IdentityCharacter(field, i + 1, "A-Z");
            }
        }

        for (var i = 3; i < 15; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return Refusals.IdentityCharacter(field, i + 1, "0-9");
            }
        }

        var yy = Digits(text.AsSpan(5, 2));
        var month = Digits(text.AsSpan(7, 2));
        var day = Digits(text.AsSpan(9, 2));

        // Two-digit years: the latest century that does not put the birth in the future.
        var year = 2000 + yy;
        if (year > today.Year)
        {
            year -= 100;
        }

        ImmutableArray<Refusal>.Builder? refusals = null;
        var birth = CheckedDate(year, month, day, field, today, ref refusals);
        if (birth is null)
        {
            return Result<IdentityNumber>.Refused(refusals!.ToImmutable());
        }

        var gender = (text[13] - '0') % 2 == 1 ? Gender.Male : Gender.Female;
        return new IdentityNumber(text.ToUpperInvariant(), IdentityKind.ForeignPermanentResidentLegacy, birth.Value, gender);
    }

    private static IdentityKind? KindOf(ReadOnlySpan<char> addressCode)
    {
        if (addressCode[0] == '9')
        {
            return IdentityKind.ForeignPermanentResident;
        }

        if (addressCode is "810000")
        {
            return IdentityKind.HongKongResidencePermit;
        }

        if (addressCode is "820000")
        {
            return IdentityKind.MacauResidencePermit;
        }

        if (addressCode is "830000")
        {
            return IdentityKind.TaiwanResidencePermit;
        }

        return IsMainlandProvince(Digits(addressCode[..2])) ? IdentityKind.ResidentId : null;
    }

    // GB/T 2260 province-level codes of the mainland.
    private static bool IsMainlandProvince(int code) => code is
        (>= 11 and <= 15) or (>= 21 and <= 23) or (>= 31 and <= 37) or (>= 41 and <= 46) or (>= 50 and <= 54) or (>= 61 and <= 65);

    private static DateOnly? ParseBirthDate(ReadOnlySpan<char> yyyymmdd, string field, DateOnly today, ref ImmutableArray<Refusal>.Builder? refusals) =>
        CheckedDate(Digits(yyyymmdd[..4]), Digits(yyyymmdd.Slice(4, 2)), Digits(yyyymmdd.Slice(6, 2)), field, today, ref refusals);

    private static DateOnly? CheckedDate(int year, int month, int day, string field, DateOnly today, ref ImmutableArray<Refusal>.Builder? refusals)
    {
        if (year < 1900 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            Add(ref refusals, Refusals.IdentityBirthDate(field));
            return null;
        }

        var date = new DateOnly(year, month, day);
        if (date > today)
        {
            Add(ref refusals, Refusals.IdentityBirthDateInFuture(field));
            return null;
        }

        return date;
    }

    private static void Add(ref ImmutableArray<Refusal>.Builder? refusals, Refusal refusal) =>
        (refusals ??= ImmutableArray.CreateBuilder<Refusal>()).Add(refusal);

    private static int Digits(ReadOnlySpan<char> digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
}
