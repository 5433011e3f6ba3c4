using System.Buffers.Binary;
using PdfSharp.Fonts;

namespace LingHuo.Documents;

/// <summary>
/// The one font documents are set in: WenQuanYi Micro Hei (Debian's fonts-wqy-microhei), whose outlines are TrueType,
/// so PDFsharp embeds only the glyphs used. It comes as a collection (.ttc); PDFsharp reads single fonts, so the first
/// face is cut out into a font file of its own.
/// </summary>
public sealed class CjkFont : IFontResolver
{
    public const string Family = "WenQuanYi Micro Hei";
    public const string DefaultPath = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

    private static readonly Lock Gate = new();
    private static bool _installed;
    private readonly byte[] _face;

    private CjkFont(byte[] face) => _face = face;

    /// <summary>Makes the font PDFsharp's, once per process (PDFsharp's resolver is global).</summary>
    public static void Install(string path = DefaultPath)
    {
        lock (Gate)
        {
            if (_installed)
            {
                return;
            }

            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"Documents need the CJK font {path} (Debian: apt-get install fonts-wqy-microhei).", path);
            }

            GlobalFontSettings.FontResolver = new CjkFont(FirstFace(File.ReadAllBytes(path)));
            _installed = true;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        new(Family, mustSimulateBold: isBold, mustSimulateItalic: isItalic);

    public byte[]? GetFont(string faceName) => _face;

    /// <summary>A collection's first face as a plain font file (a file that is not a collection is returned as it is).</summary>
    public static byte[] FirstFace(byte[] file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Length < 16 || !file.AsSpan(0, 4).SequenceEqual("ttcf"u8))
        {
            return file;
        }

        var face = (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(12));
        var tables = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(face + 4));
        var header = 12 + (16 * tables);
        var directory = file.AsSpan(face, header);
        var size = header;
        for (var i = 0; i < tables; i++)
        {
            size += Padded((int)BinaryPrimitives.ReadUInt32BigEndian(directory[(12 + (16 * i) + 12)..]));
        }

        var result = new byte[size];
        directory.CopyTo(result);
        var at = header;
        for (var i = 0; i < tables; i++)
        {
            var entry = result.AsSpan(12 + (16 * i));
            var offset = (int)BinaryPrimitives.ReadUInt32BigEndian(entry[8..]);
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(entry[12..]);
            file.AsSpan(offset, length).CopyTo(result.AsSpan(at));
            BinaryPrimitives.WriteUInt32BigEndian(entry[8..], (uint)at);
            at += Padded(length);
        }

        return result;
    }

    private static int Padded(int length) => (length + 3) & ~3;
}
