using System.Collections.Immutable;
using LingHuo.Domain.Cases;
using LingHuo.Domain.Eligibility;

namespace LingHuo.Grains;

public sealed record ApplicantGrainState
{
    /// <summary>Facts recorded by departments; the applicant's own declarations come with each application.</summary>
    public ApplicantFacts Facts { get; init; } = ApplicantFacts.None;

    public ImmutableArray<ApplicationNumber> Applications { get; init; } = [];

    /// <summary>
    /// The application most recently opened. Whether it is still open is asked of that application when it matters,
    /// so closing an application needs no write here.
    /// </summary>
    public ApplicationNumber? LastOpened { get; init; }

    public ImmutableArray<AppliedRequest> Requests { get; init; } = [];
}
