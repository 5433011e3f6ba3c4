using System.Globalization;
using System.Text;

namespace LingHuo.Domain.Identity;

/// <summary>How two spellings of one name are compared: full-width and compatibility forms folded (NFKC), spaces ignored.</summary>
public static class ApplicantNames
{
    public static string Normalize(string? name)
    {
        var folded = (name ?? "").Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(char.ToLower(c, CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
