using System.Collections.Immutable;
using LingHuo.Domain;
using LingHuo.Domain.Calendar;
using LingHuo.Domain.Cases;
using LingHuo.Domain.Divisions;
using LingHuo.Domain.Eligibility;
using LingHuo.Domain.Identity;
using LingHuo.Domain.Intake;
using LingHuo.Grains.Abstractions;
using LingHuo.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

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
