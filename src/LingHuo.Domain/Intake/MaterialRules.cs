using System.Collections.Immutable;
using LingHuo.Domain.Catalog;
using LingHuo.Domain.Eligibility;

namespace LingHuo.Domain.Intake;

/// <summary>The material rules of the guide's table (§3).</summary>
public static class MaterialRules
{
    public static IReadOnlyList<Material> All { get; } = [.. Enum.GetValues<Material>()];

    public static bool IsDefined(Material material) => material is >= Material.ApplicationForm and <= Material.BusinessLicence;

    public static bool IsDefined(Channel channel) => channel is Channel.Online or Channel.Window;

    public static bool IsDefined(MaterialSource source) => source is >= MaterialSource.Upload and <= MaterialSource.DataSharing;

    public static string Code(Material material) => "M" + ((int)material).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static (string Zh, string En) Name(Material material) => material switch
    {
        Material.ApplicationForm => ("灵活就业参保\"一件事\"申请表", "application form"),
        Material.IdentityDocument => ("有效身份证明", "valid identity document"),
        Material.IdPhoto => ("白底证件照", "white-background ID photo"),
        Material.InsuranceProof => ("灵活就业参保证明材料", "proof of flexible-employment insurance"),
        Material.BusinessLicence => ("工商营业执照复印件", "business licence copy"),
        _ => throw new ArgumentOutOfRangeException(nameof(material), material, "Unknown material."),
    };

    /// <summary>
    /// The materials every chosen set of matters needs on this channel. A self-employed operator (个体工商户, or a
    /// cooperative's legal representative) registering employment (matter 8) needs the business licence as well.
    /// </summary>
    public static EnumSet<Material> Required(EnumSet<Matter> matters, Channel channel, EmploymentForm form = EmploymentForm.None)
    {
        if (matters.IsEmpty)
        {
            return EnumSet<Material>.Empty;
        }

        var required = EnumSet<Material>.Of(Material.ApplicationForm, Material.IdentityDocument);
        if (matters.Contains(Matter.SocialSecurityCard))
        {
            required = required.Add(Material.IdPhoto);
        }

        // The guide: proof of insurance is handed in at the window, "not needed online" (matter 2 proves it there).
        if (matters.Contains(Matter.PersonnelFile) && channel == Channel.Window)
        {
            required = required.Add(Material.InsuranceProof);
        }

        if (matters.Contains(Matter.EmploymentRegistration) && form == EmploymentForm.SelfEmployedOperator)
        {
            required = required.Add(Material.BusinessLicence);
        }

        return required;
    }

    /// <summary>Materials that may be given but are not required.</summary>
    public static EnumSet<Material> Optional(EnumSet<Matter> matters, Channel channel, EmploymentForm form = EmploymentForm.None) =>
        matters.Contains(Matter.EmploymentRegistration) && form != EmploymentForm.SelfEmployedOperator
            ? EnumSet<Material>.Of(Material.BusinessLicence)
            : EnumSet<Material>.Empty;

    /// <summary>Which ways a material may be given on a channel.</summary>
    public static bool IsAllowed(Material material, MaterialSource source, Channel channel) => (material, channel) switch
    {
        // M1 must be handed in on paper at the window; online it is the electronic form.
        (Material.ApplicationForm, Channel.Window) => source == MaterialSource.PaperOriginal,
        (Material.ApplicationForm, Channel.Online) => source == MaterialSource.Upload,

        // M2 and M5 are issued by government departments, so an electronic licence lookup (免证办) may stand in.
        (Material.IdentityDocument or Material.BusinessLicence, Channel.Window) => source is MaterialSource.PaperOriginal or MaterialSource.DataSharing,
        (Material.IdentityDocument or Material.BusinessLicence, Channel.Online) => source is MaterialSource.Upload or MaterialSource.DataSharing,

        // M3 is electronic only: the clerk scans it at the window.
        (Material.IdPhoto, _) => source == MaterialSource.Upload,

        // M4 is paper at the window only.
        (Material.InsuranceProof, Channel.Window) => source == MaterialSource.PaperOriginal,
        _ => false,
    };

    /// <summary>
    /// Checks the given materials against the chosen matters and channel. Unknown, duplicate, not-applicable or
    /// wrongly-sourced items are refusals; missing required ones are reported by the checklist, not refused here,
    /// because a supplement notice (补正告知) is a legal outcome of the pre-check.
    /// </summary>
    public static Result<MaterialChecklist> Check(
        EnumSet<Matter> matters,
        Channel channel,
        IReadOnlyList<ProvidedMaterial>? provided,
        string field = "materials",
        EmploymentForm form = EmploymentForm.None)
    {
        var required = Required(matters, channel, form);
        var optional = Optional(matters, channel, form);
        var applicable = required.Union(optional);
        provided ??= [];

        ImmutableArray<Refusal>.Builder? refusals = null;
        var seen = EnumSet<Material>.Empty;
        var accepted = ImmutableArray.CreateBuilder<ProvidedMaterial>(provided.Count);
        for (var i = 0; i < provided.Count; i++)
        {
            var item = provided[i];
            Refusal? refusal =
                !IsDefined(item.Material) ? Refusals.MaterialUnknown(ItemField(field, i), (int)item.Material)
                : seen.Contains(item.Material) ? Refusals.MaterialDuplicate(ItemField(field, i), item.Material)
                : !applicable.Contains(item.Material) || !IsDefined(item.Source) || !IsAllowed(item.Material, item.Source, channel)
                    ? Refusals.MaterialSourceNotAllowed(ItemField(field, i), item.Material, item.Source, channel)
                : null;

            if (refusal is not null)
            {
                (refusals ??= ImmutableArray.CreateBuilder<Refusal>()).Add(refusal);
                continue;
            }

            seen = seen.Add(item.Material);
            accepted.Add(item);
        }

        if (refusals is not null)
        {
            return Result<MaterialChecklist>.Refused(refusals.ToImmutable());
        }

        accepted.Sort(static (a, b) => a.Material.CompareTo(b.Material));
        return new MaterialChecklist(required, optional, accepted.ToImmutable());

        // Built only on refusal: the accepted path allocates no strings.
        static string ItemField(string field, int index) => $"{field}[{index}]";
    }
}
