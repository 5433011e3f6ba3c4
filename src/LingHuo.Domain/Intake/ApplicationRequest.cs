using LingHuo.Domain.Catalog;
using LingHuo.Domain.Eligibility;
using LingHuo.Domain.Premiums;

namespace LingHuo.Domain.Intake;

/// <summary>What a portal or window clerk submits: one form, one set of materials (一表申请, 一套材料).</summary>
public sealed record ApplicationRequest
{
    public string? IdentityNumber { get; init; }

    /// <summary>The applicant's name as on the identity document: printed on notices, asked by the progress lookup.</summary>
    public string? ApplicantName { get; init; }

    /// <summary>The applicant's mobile number for text messages (11 digits, mainland); optional.</summary>
    public string? ContactPhone { get; init; }

    public ApplicantFacts Facts { get; init; } = ApplicantFacts.None;

    public Channel Channel { get; init; }

    /// <summary>The handling county's 6-digit division code, e.g. 530102.</summary>
    public string? CountyCode { get; init; }

    public IReadOnlyList<Matter> Matters { get; init; } = [];

    public IReadOnlyList<ProvidedMaterial> Materials { get; init; } = [];

    /// <summary>Matter 5's monthly contribution base in yuan, required when it is chosen.</summary>
    public decimal? ContributionBase { get; init; }

    public PaymentCycle? PaymentCycle { get; init; }

    /// <summary>申请人承诺: the version of the truthfulness pledge the applicant agreed to; required.</summary>
    public string? PledgeVersion { get; init; }

    /// <summary>How the personnel-file result reaches the applicant; collected at the window when not given.</summary>
    public ResultDelivery? Delivery { get; init; }
}
