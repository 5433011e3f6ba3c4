using System.Collections.Immutable;

namespace LingHuo.Domain.Cases;

/// <summary>What a department produced: a number (card, registration, certificate) and document references.</summary>
public sealed record MatterResult(string? Number, ImmutableArray<string> Documents, string? Note = null)
{
    /// <summary>Every refusal of the result's texts (<c>result.number</c>, <c>result.documents[i]</c>, <c>result.note</c>).</summary>
    public ImmutableArray<Refusal> Check()
    {
        var refusals = ImmutableArray.CreateBuilder<Refusal>();
        if (TextField.ResultNumber.Check(Number, "result.number") is { } number)
        {
            refusals.Add(number);
        }

        refusals.AddRange(TextField.ResultDocument.CheckAll(Documents, "result.documents", TextField.MaxResultDocuments));
        if (TextField.ResultNote.Check(Note, "result.note") is { } note)
        {
            refusals.Add(note);
        }

        return refusals.DrainToImmutable();
    }
}
