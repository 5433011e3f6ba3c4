using LingHuo.Domain.Identity;

namespace LingHuo.Domain.Eligibility;

/// <summary>
/// The statutory retirement age after the 2025 reform (in force 2025-01-01; DOMAIN §5).
/// </summary>
public static class RetirementAge
{
    private const int ReformStartMonthIndex = 2025 * 12; // 2025-01 as a zero-based month index

    /// <summary>
    /// The month in which a person born in <paramref name="birthMonth"/> reaches the statutory retirement age.
    /// </summary>
    public static (int Year, int Month) RetirementMonth(int birthYear, int birthMonth, RetirementGroup group)
    {
        var (originalYears, pace, cap) = group switch
        {
            RetirementGroup.Men60 => (60, 4, 36),
            RetirementGroup.Women55 => (55, 4, 36),
            RetirementGroup.Women50 => (50, 2, 60),
            _ => throw new ArgumentOutOfRangeException(nameof(group), group, "Unknown retirement group."),
        };

        var original = (birthYear * 12) + (birthMonth - 1) + (originalYears * 12);
        var delay = original < ReformStartMonthIndex ? 0 : Math.Min(((original - ReformStartMonthIndex) / pace) + 1, cap);
        var retirement = original + delay;
        return (retirement / 12, (retirement % 12) + 1);
    }

    /// <summary>
    /// The first day on which the person has reached retirement age: the birthday's day of month within the
    /// retirement month (the month's last day for a birthday that month lacks).
    /// </summary>
    public static DateOnly RetirementDate(DateOnly birthDate, RetirementGroup group)
    {
        var (year, month) = RetirementMonth(birthDate.Year, birthDate.Month, group);
        return new DateOnly(year, month, Math.Min(birthDate.Day, DateTime.DaysInMonth(year, month)));
    }

    public static RetirementGroup GroupOf(Gender gender, RetirementGroup? declared, RetirementGroup defaultFemaleGroup) =>
        declared ?? (gender == Gender.Male ? RetirementGroup.Men60 : defaultFemaleGroup);
}
