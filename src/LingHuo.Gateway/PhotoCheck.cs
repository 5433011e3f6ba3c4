using System.Buffers.Binary;
using LingHuo.Domain;

namespace LingHuo.Gateway;

/// <summary>
/// The white-background ID photo must be a JPEG or PNG of sensible size and dimensions. The format is read from the
/// file's own bytes, never from a declared type.
/// </summary>
public static class PhotoCheck
{
    public const int MaxBytes = 2 * 1024 * 1024;
    public const int MinSide = 150;
    public const int MaxSide = 4000;

    public static Refusal? Check(ReadOnlySpan<byte> file, string field)
    {
        if (file.Length > MaxBytes)
        {
            return Refusals.PhotoInvalid(field, $"文件超过 {MaxBytes / 1024 / 1024} MB", $"the file is larger than {MaxBytes / 1024 / 1024} MB");
        }

        var size = PngSize(file) ?? JpegSize(file);
        if (size is not var (width, height))
        {
            return Refusals.PhotoInvalid(field, "不是 JPEG 或 PNG 图片", "it is not a JPEG or PNG image");
        }

        if (width < MinSide || height < MinSide || width > MaxSide || height > MaxSide)
        {
            return Refusals.PhotoInvalid(field,
                $"尺寸 {width}×{height} 像素，每边应在 {MinSide} 至 {MaxSide} 像素之间",
                $"it is {width}×{height} pixels; each side must be {MinSide}–{MaxSide}");
        }

        return null;
    }

    private static (int Width, int Height)? PngSize(ReadOnlySpan<byte> file)
    {
        ReadOnlySpan<byte> signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        if (file.Length < 24 || !file[..8].SequenceEqual(signature) || !file.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            return null;
        }

        return (BinaryPrimitives.ReadInt32BigEndian(file.Slice(16, 4)), BinaryPrimitives.ReadInt32BigEndian(file.Slice(20, 4)));
    }

    // Walks the JPEG segments to the first start-of-frame marker, which holds the dimensions.
    private static (int Width, int Height)? JpegSize(ReadOnlySpan<byte> file)
    {
        if (file.Length < 4 || file[0] != 0xFF || file[1] != 0xD8)
        {
            return null;
        }

        var position = 2;
        while (position + 9 < file.Length)
        {
            if (file[position] != 0xFF)
            {
                return null;
            }

            var marker = file[position + 1];
            var length = BinaryPrimitives.ReadUInt16BigEndian(file.Slice(position + 2, 2));
            var isStartOfFrame = marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;
            if (isStartOfFrame)
            {
                return (BinaryPrimitives.ReadUInt16BigEndian(file.Slice(position + 7, 2)), BinaryPrimitives.ReadUInt16BigEndian(file.Slice(position + 5, 2)));
            }

            if (length < 2)
            {
                return null;
            }

            position += 2 + length;
        }

        return null;
    }
}
