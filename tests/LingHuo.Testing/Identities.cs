using System.Globalization;
using LingHuo.Domain.Identity;

namespace LingHuo.Testing;

/// <summary>Valid resident identity numbers that no other test of the run has, so that tests never share an applicant.</summary>
public static class Identities
{
    private static int _next = Random.Shared.Next(1_000_000);

    /// <summary>A Kunming resident born 1980–2004 (of working age, far from retirement) unless a birth date is given.</summary>
    public static string Next(DateOnly? birth = null, bool male = true)
    {
        var n = Interlocked.Increment(ref _next);
        var born = birth ?? new DateOnly(1980, 1, 1).AddDays(n % 9_000);
        var address = "5301" + (n % 89 + 10).ToString("00", CultureInfo.InvariantCulture);
        return IdentityNumber.Compose(address, born, (n / 9_000 % 500 * 2) + (male ? 1 : 0));
    }
}
