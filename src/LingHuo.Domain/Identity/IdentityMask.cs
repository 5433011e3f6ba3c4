namespace LingHuo.Domain.Identity;

/// <summary>Masking for display and logs: keeps the first and last four characters, like <c>5301**********123X</c>.</summary>
public static class IdentityMask
{
    public static string Mask(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        // Too short to keep any character without revealing most of it.
        if (text.Length < 12)
        {
            return new string('*', text.Length);
        }

        return string.Create(text.Length, text, static (span, source) =>
        {
            span.Fill('*');
            source.AsSpan(0, 4).CopyTo(span);
            source.AsSpan(source.Length - 4).CopyTo(span[^4..]);
        });
    }
}
