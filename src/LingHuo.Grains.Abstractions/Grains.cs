using LingHuo.Domain.Identity;
using Orleans.Concurrency;

namespace LingHuo.Grains.Abstractions;

/// <summary>A person, keyed by <see cref="ApplicantKeys.For"/>: their facts, their applications, at most one open.</summary>
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

/// <summary>One application, keyed by its number (county-date-sequence): the nine-matter state machine and its SLA clock.</summary>
[Alias("linghuo.IApplicationGrain")]
public interface IApplicationGrain : IGrainWithStringKey
{
    [Alias("Open")]
    Task<CaseResult> Open(OpenApplication command);

    /// <summary>The application, or <see cref="Domain.RefusalCode.ApplicationNotFound"/>.</summary>
    [ReadOnly]
    [Alias("Get")]
    Task<CaseResult> Get();

    /// <summary>Whose application this is (the applicant key), for ownership checks; null when there is none.</summary>
    [ReadOnly]
    [Alias("ApplicantKey")]
    Task<string?> ApplicantKey();

    /// <summary>The applicant's full identity number, for the departments that handle the matters; null when there is none.</summary>
    [ReadOnly]
    [Alias("IdentityNumber")]
    Task<string?> IdentityNumber();

    [Alias("Claim")]
    Task<CaseResult> Claim(ClaimMatter command);

    [Alias("Complete")]
    Task<CaseResult> Complete(CompleteMatter command);

    [Alias("Reject")]
    Task<CaseResult> Reject(RejectMatter command);

    [Alias("Withdraw")]
    Task<CaseResult> Withdraw(WithdrawApplication command);

    [Alias("Supplement")]
    Task<CaseResult> Supplement(SupplementMaterials command);
}

/// <summary>Hands out one county's daily sequence numbers, keyed <c>530102-20261128</c>; never the same number twice.</summary>
[Alias("linghuo.INumberingGrain")]
public interface INumberingGrain : IGrainWithStringKey
{
    [Alias("Next")]
    Task<long> Next();
}
