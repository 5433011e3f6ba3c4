using Orleans.Concurrency;

namespace LingHuo.Grains.Abstractions;

/// <summary>A person, keyed by <see cref="Domain.Identity.ApplicantKeys.For"/>: their facts, their applications, at most one open.</summary>
[Alias("linghuo.IApplicantGrain")]
public interface IApplicantGrain : IGrainWithStringKey
{
    /// <summary>Pre-checks, refuses a second open application (naming the open one), numbers and opens the application.</summary>
    [Alias("Submit")]
    Task<CaseResult> Submit(SubmitApplication command);

    [Alias("RecordFacts")]
    Task RecordFacts(RecordApplicantFacts command);

    [ReadOnly]
    [Alias("Get")]
    Task<ApplicantSnapshot> Get();
}
