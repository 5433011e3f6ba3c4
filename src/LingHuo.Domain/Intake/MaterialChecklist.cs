using System.Collections.Immutable;

namespace LingHuo.Domain.Intake;

/// <summary>
/// The materials a set of matters needs on a channel, what was given and how, and what is missing.
/// </summary>
public sealed record MaterialChecklist(
    EnumSet<Material> Required,
    EnumSet<Material> Optional,
    ImmutableArray<ProvidedMaterial> Provided)
{
    public EnumSet<Material> Missing => Required.Except(ProvidedSet);

    public bool IsComplete => Missing.IsEmpty;

    public EnumSet<Material> ProvidedSet
    {
        get
        {
            var set = EnumSet<Material>.Empty;
            foreach (var provided in Provided)
            {
                set = set.Add(provided.Material);
            }

            return set;
        }
    }

    public MaterialSource? SourceOf(Material material)
    {
        foreach (var provided in Provided)
        {
            if (provided.Material == material)
            {
                return provided.Source;
            }
        }

        return null;
    }

    /// <summary>The same, every uploaded file marked as received at <paramref name="at"/>.</summary>
    public MaterialChecklist ReceivedAt(DateTimeOffset at) => this with { Provided = [.. Provided.Select(p => p.ReceivedAt(at))] };

    /// <summary>Adds supplemented materials; a material given again replaces the earlier one (a better photo, say).</summary>
    public MaterialChecklist With(ImmutableArray<ProvidedMaterial> supplemented)
    {
        var builder = Provided.ToBuilder();
        foreach (var item in supplemented)
        {
            builder.RemoveAll(p => p.Material == item.Material);
            builder.Add(item);
        }

        builder.Sort(static (a, b) => a.Material.CompareTo(b.Material));
        return this with { Provided = builder.ToImmutable() };
    }
}
