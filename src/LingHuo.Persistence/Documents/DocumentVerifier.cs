using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace LingHuo.Persistence.Documents;

/// <summary>
/// Verification of an offered document, by its number and printed code or by its PDF. The record itself is checked too:
/// its code must still follow from what it prints under its key, so a changed field reads as altered.
/// </summary>
public sealed partial class DocumentVerifier(IDocumentArchive archive, DocumentSeal seal)
{
    public async Task<(DocumentVerdict Verdict, StoredDocument? Document)> ByCodeAsync(string number, string code, CancellationToken cancellationToken)
    {
        if (await archive.GetAsync(number, cancellationToken) is not { } document)
        {
            return (DocumentVerdict.Unknown, null);
        }

        return Intact(document) switch
        {
            null => (DocumentVerdict.Unknown, null),
            true when DocumentSeal.Same(code, document.Code) => (Standing(document), document),
            _ => (DocumentVerdict.Altered, null),
        };
    }

    public async Task<(DocumentVerdict Verdict, StoredDocument? Document)> ByPdfAsync(byte[] pdf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        if (await archive.FindAsync(Convert.ToHexStringLower(SHA256.HashData(pdf)), cancellationToken) is { } document)
        {
            return Intact(document) switch
            {
                null => (DocumentVerdict.Unknown, null),
                true => (Standing(document), document),
                false => (DocumentVerdict.Altered, null),
            };
        }

        // Not the bytes of any issued PDF: if it still names a document (its number is in the metadata, in plain ASCII,
        // readable however damaged the rest is), it is an altered copy of that one.
        var named = NumberPattern().Match(Encoding.Latin1.GetString(pdf));
        return named.Success && await archive.GetAsync(named.Groups[1].Value, cancellationToken) is not null
            ? (DocumentVerdict.Altered, null)
            : (DocumentVerdict.Unknown, null);
    }

    private static DocumentVerdict Standing(StoredDocument document) => document.RevokedAt is null ? DocumentVerdict.Genuine : DocumentVerdict.Revoked;

    // Whether the record still bears its seal; null when the key that sealed it was retired (nothing can vouch for it).
    private bool? Intact(StoredDocument document) =>
        seal.Code(document.KeyId, document.Number, DocumentIssuer.Digest(document.Printed)) is { } expected ? DocumentSeal.Same(expected, document.Code) : null;

    [GeneratedRegex(@"\((\d{6}-\d{4}-\d{6})\)")]
    private static partial Regex NumberPattern();
}
