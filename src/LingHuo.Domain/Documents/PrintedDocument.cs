using System.Collections.Immutable;
using LingHuo.Domain.Cases;

namespace LingHuo.Domain.Documents;

/// <summary>
/// Everything a document shows, as printed: what it is, its number, who issued it when, whose it is (name and masked
/// identity number only), the text, every listed item (a reason, a material, a matter), the legal basis and where to
/// verify it. Rendering turns it into a PDF; verification compares against it.
/// </summary>
public sealed record PrintedDocument(
    DocumentKind Kind,
    string Number,
    string Office,
    DateOnly IssuedOn,
    string HolderName,
    string HolderMasked,
    ApplicationNumber Application,
    ImmutableArray<string> Body,
    ImmutableArray<string> Items,
    string? LegalBasis,
    string VerificationUrl)
{
    public string Title => Kind switch
    {
        DocumentKind.AcceptanceNotice => "受理通知书",
        DocumentKind.RefusalDecision => "不予受理决定书",
        DocumentKind.SupplementNotice => "补正告知书（一次性告知）",
        _ => "社会保险参保证明",
    };
}
