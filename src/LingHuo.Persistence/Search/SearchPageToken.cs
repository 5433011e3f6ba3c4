using System.Globalization;
using System.Text;

namespace LingHuo.Persistence.Search;

/// <summary>A page token: opaque to callers, the last row's sort key to us. A malformed one is refused.</summary>
public static class SearchPageToken
{
    public static bool IsValid(string? token) => string.IsNullOrEmpty(token) || Decode(token) is not null;

    internal static string Encode(DateTimeOffset submittedAt, string number) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{submittedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{number}"));

    internal static (DateTimeOffset SubmittedAt, string Number)? Decode(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split('|', 2);
            return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                ? (new DateTimeOffset(ticks, TimeSpan.Zero), parts[1])
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
