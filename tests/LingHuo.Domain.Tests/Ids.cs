using System.Globalization;
using LingHuo.Domain.Identity;

namespace LingHuo.Domain.Tests;

/// <summary>Builds valid identity numbers for tests: address, birth date, sequence, then the computed check character.</summary>
internal static class Ids
{
    public static string Resident(DateOnly birth, bool male = true, string address = "530102", int sequence = 12)
    {
        var seq = (sequence * 2) + (male ? 1 : 0);
        var first17 = address + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + seq.ToString("000", CultureInfo.InvariantCulture);
        return first17 + IdentityNumber.CheckCharacter(first17);
    }

    public static string Resident(string birth, bool male = true, string address = "530102") =>
        Resident(DateOnly.ParseExact(birth, "yyyy-MM-dd", CultureInfo.InvariantCulture), male, address);
}
