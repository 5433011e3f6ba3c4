using LingHuo.Domain.Cases;
using LingHuo.Domain.Eligibility;
using LingHuo.Domain.Intake;

namespace LingHuo.Grains.Abstractions;

/// <summary>
/// From the applicant grain to a new application grain: the request, the merged facts and the pre-check the applicant
/// grain made of them (null only from a silo of the previous version), so that a submission is pre-checked once.
/// </summary>
[GenerateSerializer, Immutable, Alias("linghuo.OpenApplication")]
public sealed record OpenApplication(
    [property: Id(0)] string RequestId,
    [property: Id(1)] string ApplicantKey,
    [property: Id(2)] ApplicationRequest Request,
    [property: Id(3)] ApplicantFacts Facts,
    [property: Id(4)] PrecheckResult? Precheck = null,
    [property: Id(5)] Actor? Actor = null);
