using LingHuo.Domain.Identity;
using Orleans.Concurrency;

namespace LingHuo.Grains;

/// <summary>A person, keyed by <see cref="ApplicantKeys.For"/>: their facts, their applications, at most one open.</summary>
public interface IApplicantGrain : IGrainWithStringKey
{
    /// <summary>Pre-checks, refuses a second open application (naming the open one), numbers and opens the application.</summary>
    Task<CaseResult> Submit(SubmitApplication command);

    Task RecordFacts(RecordApplicantFacts command);

    [ReadOnly]
    Task<ApplicantSnapshot> Get();
}

/// <summary>One application, keyed by its number (county-date-sequence): the nine-matter state machine and its SLA clock.</summary>
public interface IApplicationGrain : IGrainWithStringKey
{
    Task<CaseResult> Open(OpenApplication command);

    /// <summary>The application, or <see cref="Domain.RefusalCode.ApplicationNotFound"/>.</summary>
    [ReadOnly]
    Task<CaseResult> Get();

    /// <summary>Whose application this is (the applicant key), for ownership checks; null when there is none.</summary>
    [ReadOnly]
    Task<string?> ApplicantKey();

    /// <summary>The applicant's full identity number, for the departments that handle the matters; null when there is none.</summary>
    [ReadOnly]
    Task<string?> IdentityNumber();

    Task<CaseResult> Claim(ClaimMatter command);

    Task<CaseResult> Complete(CompleteMatter command);

    Task<CaseResult> Reject(RejectMatter command);

    Task<CaseResult> Withdraw(WithdrawApplication command);

    Task<CaseResult> Supplement(SupplementMaterials command);
}

/// <summary>Hands out one county's daily sequence numbers, keyed <c>530102-20261128</c>; never the same number twice.</summary>
public interface INumberingGrain : IGrainWithStringKey
{
    Task<long> Next();
}
