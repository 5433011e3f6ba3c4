namespace LingHuo.Domain.Identity;

/// <summary>
/// Masking for display and logs: an identity number keeps its first and last four characters (<c>5301**********123X</c>),
/// a mobile number its first three and last four (<c>138****5678</c>).
/// </summary>
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

    public static string MaskPhone(string? phone) =>
        string.IsNullOrEmpty(phone) ? "" : phone.Length < 11 ? new string('*', phone.Length) : string.Concat(phone.AsSpan(0, 3), new string('*', phone.Length - 7), phone.AsSpan(phone.Length - 4));
}
