using System.Collections.Immutable;
using LingHuo.Domain;
using P = LingHuo.Protos.V1;

namespace LingHuo.Gateway;

/// <summary>
/// The uploaded files of one request: each of a type read from its own bytes (PDF, JPEG or PNG; the ID photo JPEG or
/// PNG only, see <see cref="PhotoCheck"/>), as declared when a type is declared, within its size limit, and all of them
/// together within <see cref="MaxTotalBytes"/>. Only an upload carries a file.
/// </summary>
public static class UploadCheck
{
    public const int MaxFileBytes = 10 * 1024 * 1024;
    public const int MaxTotalBytes = 20 * 1024 * 1024;

    public const string Pdf = "application/pdf";
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";

    public static ImmutableArray<Refusal> Check(IReadOnlyList<P.ProvidedMaterial> materials, string fieldPrefix = "materials")
    {
        var refusals = ImmutableArray.CreateBuilder<Refusal>();
        long total = 0;
        for (var i = 0; i < materials.Count; i++)
        {
            var material = materials[i];
            var field = $"{fieldPrefix}[{i}].content";
            total += material.Content.Length;
            if (material.Content.IsEmpty)
            {
                if (material.Material == P.Material.IdPhoto && material.Source == P.MaterialSource.Upload && string.IsNullOrWhiteSpace(material.Reference))
                {
                    refusals.Add(Refusals.PhotoInvalid(field, "未上传文件", "no file was uploaded"));
                }

                continue;
            }

            if (material.Source != P.MaterialSource.Upload)
            {
                refusals.Add(Refusals.FileInvalid(field, "只有上传方式的材料可附文件", "only an uploaded material carries a file"));
                continue;
            }

            var sniffed = MediaTypeOf(material.Content.Span);
            if (!string.IsNullOrEmpty(material.MediaType) && !string.Equals(material.MediaType, sniffed, StringComparison.OrdinalIgnoreCase))
            {
                refusals.Add(Refusals.FileInvalid(
                    field,
                    $"声明为 {Printable(material.MediaType)}，实际{(sniffed is null ? "不是 PDF、JPEG 或 PNG 文件" : "为 " + sniffed)}",
                    $"it is declared {Printable(material.MediaType)} but {(sniffed is null ? "is not a PDF, JPEG or PNG file" : "is " + sniffed)}"));
                continue;
            }

            var refusal = material.Material == P.Material.IdPhoto
                ? PhotoCheck.Check(material.Content.Span, field)
                : sniffed is null
                    ? Refusals.FileInvalid(field, "不是 PDF、JPEG 或 PNG 文件", "it is not a PDF, JPEG or PNG file")
                    : material.Content.Length > MaxFileBytes
                        ? Refusals.FileInvalid(field, $"文件超过 {MaxFileBytes / 1024 / 1024} MB", $"the file is larger than {MaxFileBytes / 1024 / 1024} MB")
                        : null;
            if (refusal is not null)
            {
                refusals.Add(refusal);
            }
        }

        if (total > MaxTotalBytes)
        {
            refusals.Add(Refusals.FileInvalid(fieldPrefix, $"全部文件合计超过 {MaxTotalBytes / 1024 / 1024} MB", $"the files together are larger than {MaxTotalBytes / 1024 / 1024} MB"));
        }

        return refusals.ToImmutable();
    }

    /// <summary>The media type the bytes themselves say, or null when they are none of PDF, JPEG and PNG.</summary>
    public static string? MediaTypeOf(ReadOnlySpan<byte> file) =>
        file.StartsWith("%PDF-"u8) ? Pdf
        : file.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? Jpeg
        : file.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? Png
        : null;

    // A declared type is the client's text: shown only when short and plain.
    private static string Printable(string text) =>
        text.Length <= 64 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '-' or '+') ? text : "(?)";
}
