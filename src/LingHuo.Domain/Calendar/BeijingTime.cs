using System.Globalization;

namespace LingHuo.Domain.Calendar;

/// <summary>The business time zone: Beijing time, UTC+8 all year (no daylight saving); Yunnan uses it.</summary>
public static class BeijingTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>00:00 Beijing time at the start of <paramref name="date"/>.</summary>
    public static DateTimeOffset StartOf(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), Offset);

    /// <summary>24:00 Beijing time at the end of <paramref name="date"/>.</summary>
    public static DateTimeOffset EndOf(DateOnly date) => StartOf(date.AddDays(1));

    /// <summary>A date as notices and messages write it: 2026年10月9日.</summary>
    public static string Written(DateOnly date) => date.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);

    /// <summary>The Beijing date of an instant, written as notices and messages write it.</summary>
    public static string Written(DateTimeOffset instant) => Written(DateOf(instant));
}
