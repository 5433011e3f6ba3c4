using System.Globalization;
using LingHuo.Domain.Identity;

namespace LingHuo.Domain.Tests;

/// <summary>Valid identity numbers for the domain's tests, by birth date and gender.</summary>
internal static class Ids
{
    public static string Resident(DateOnly birth, bool male = true, string address = "530102", int sequence = 12) =>
        IdentityNumber.Compose(address, birth, (sequence * 2) + (male ? 1 : 0));

    public static string Resident(string birth, bool male = true, string address = "530102") =>
        Resident(DateOnly.ParseExact(birth, "yyyy-MM-dd", CultureInfo.InvariantCulture), male, address);
}
