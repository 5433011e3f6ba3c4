using Google.Protobuf;
using P = LingHuo.Protos.V1;

namespace LingHuo.Console;

/// <summary>
/// What a clerk types at the window for an applicant, kept as typed (a refusal never clears it), and the application it
/// makes: the window channel, the clerk's county, every material line the clerk set.
/// </summary>
public sealed class IntakeForm
{
    public string? Name { get; set; }

    public string? Identity { get; set; }

    public string? Phone { get; set; }

    public HashSet<P.Matter> Matters { get; } = [.. Enum.GetValues<P.Matter>().Where(m => m != P.Matter.Unspecified)];

    public P.EmploymentForm Employment { get; set; } = P.EmploymentForm.OtherFlexibleEmployment;

    public P.ApplicantDeclaration Declaration { get; } = new();

    public string? Base { get; set; }

    public P.PaymentCycle Cycle { get; set; } = P.PaymentCycle.Monthly;

    public bool Mail { get; set; }

    public P.MailCashOnDelivery MailTo { get; } = new();

    public bool Pledged { get; set; }

    /// <summary>One line per material the guide knows; paper originals are what a window sights, the photo it scans.</summary>
    public IReadOnlyList<MaterialLine> Materials { get; } =
    [
        new(P.Material.ApplicationForm) { Source = P.MaterialSource.PaperOriginal },
        new(P.Material.IdentityDocument) { Source = P.MaterialSource.PaperOriginal },
        new(P.Material.IdPhoto) { Source = P.MaterialSource.Upload },
        new(P.Material.InsuranceProof) { Source = P.MaterialSource.PaperOriginal },
        new(P.Material.BusinessLicence),
    ];

    private IEnumerable<MaterialLine> Provided => Materials.Where(m => m.Source != P.MaterialSource.Unspecified);

    /// <summary>A material line's place in the request, as the pre-check names it ("materials[1]"); null when not given.</summary>
    public string? FieldOf(MaterialLine line) => Provided.ToList().IndexOf(line) is var i and >= 0 ? $"materials[{i}]" : null;

    public P.ApplicationDetails Details(string county, string pledgeVersion)
    {
        var details = new P.ApplicationDetails
        {
            IdentityNumber = (Identity ?? "").Trim().ToUpperInvariant(),
            ApplicantName = (Name ?? "").Trim(),
            ContactPhone = (Phone ?? "").Trim(),
            Channel = P.Channel.Window,
            CountyCode = county,
            ContributionBase = (Base ?? "").Trim(),
            PaymentCycle = Cycle,
            Declaration = Declaration.Clone(),
            Delivery = Mail ? new P.ResultDelivery { Mail = MailTo.Clone() } : new P.ResultDelivery { PickUp = new P.PickUp() },
            Pledge = new P.Pledge { Agreed = Pledged, Version = pledgeVersion },
        };
        details.Declaration.EmploymentForm = Employment;
        details.Matters.AddRange(Matters.Order());
        details.Materials.AddRange(Provided.Select(m => m.ToProto()));
        return details;
    }

    public sealed class MaterialLine(P.Material material)
    {
        public P.Material Material { get; } = material;

        public P.MaterialSource Source { get; set; }

        public string? Reference { get; set; }

        public string? MediaType { get; set; }

        public byte[]? Content { get; set; }

        public P.ProvidedMaterial ToProto() => new()
        {
            Material = Material,
            Source = Source,
            Reference = Source == P.MaterialSource.DataSharing ? (Reference ?? "").Trim() : "",
            Content = Source == P.MaterialSource.Upload && Content is not null ? ByteString.CopyFrom(Content) : ByteString.Empty,
            MediaType = Source == P.MaterialSource.Upload ? MediaType ?? "" : "",
        };
    }
}
