using System.Globalization;
using System.Reflection;
using Google.Protobuf.Reflection;

namespace LingHuo.Cli;

/// <summary>
/// Proto enum values as people type them: the proto name without its prefix ("SOCIAL_SECURITY_CARD" for
/// MATTER_SOCIAL_SECURITY_CARD), case-insensitive, or the number.
/// </summary>
internal static class Names
{
    public static string Short<T>(T value)
        where T : struct, Enum
    {
        var original = Original(value);
        var prefix = Prefix<T>();
        return original.StartsWith(prefix, StringComparison.Ordinal) ? original[prefix.Length..] : original;
    }

    public static bool TryParse<T>(string? text, out T value)
        where T : struct, Enum
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var wanted = text.Trim().Replace('-', '_').ToUpperInvariant();
        if (int.TryParse(wanted, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            value = (T)Enum.ToObject(typeof(T), number);
            return true;
        }

        foreach (var candidate in Enum.GetValues<T>())
        {
            var original = Original(candidate);
            if (original == wanted || original == Prefix<T>() + wanted)
            {
                value = candidate;
                return true;
            }
        }

        return false;
    }

    public static T Parse<T>(string text, string what)
        where T : struct, Enum =>
        TryParse<T>(text, out var value)
            ? value
            : throw new ArgumentException($"Unknown {what} '{text}'; one of: {string.Join(", ", Enum.GetValues<T>().Skip(1).Select(Short))}.");

    private static string Original<T>(T value)
        where T : struct, Enum =>
        typeof(T).GetField(value.ToString())?.GetCustomAttribute<OriginalNameAttribute>()?.Name ?? value.ToString();

    private static string Prefix<T>()
        where T : struct, Enum =>
        Original(Enum.GetValues<T>()[0]).Replace("UNSPECIFIED", "", StringComparison.Ordinal);
}
