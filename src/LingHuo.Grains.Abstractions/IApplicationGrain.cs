using Orleans.Concurrency;

namespace LingHuo.Grains.Abstractions;

/// <summary>
/// One application, keyed by its number (county-date-sequence): the nine-matter state machine and its SLA clock. Every
/// mutating command carries the client's request id: a retry with the same id returns the first outcome.
/// </summary>
[Alias("linghuo.IApplicationGrain")]
public interface IApplicationGrain : IGrainWithStringKey
{
    [Alias("Open")]
    Task<CaseResult> Open(OpenApplication command);

    /// <summary>The application, or <see cref="Domain.RefusalCode.ApplicationNotFound"/>.</summary>
    [ReadOnly]
    [Alias("Get")]
    Task<CaseResult> Get();

    /// <summary>
    /// The application, if <paramref name="applicantName"/> is its applicant's name; null otherwise and when there is
    /// none, after the same work (the progress lookup must not tell the two apart).
    /// </summary>
    [ReadOnly]
    [Alias("Lookup")]
    Task<Domain.Cases.Application?> Lookup(string applicantName);

    /// <summary>Whose application this is (the applicant key), for ownership checks; null when there is none.</summary>
    [ReadOnly]
    [Alias("ApplicantKey")]
    Task<string?> ApplicantKey();

    /// <summary>The applicant's full identity number, for the departments that handle the matters; null when there is none.</summary>
    [ReadOnly]
    [Alias("IdentityNumber")]
    Task<string?> IdentityNumber();

    [Alias("Accept")]
    Task<CaseResult> Accept(AcceptApplication command);

    [Alias("RefuseAcceptance")]
    Task<CaseResult> RefuseAcceptance(RefuseAcceptance command);

    [Alias("RequestSupplement")]
    Task<CaseResult> RequestSupplement(RequestSupplement command);

    [Alias("RecordDispatch")]
    Task<CaseResult> RecordDispatch(RecordDispatch command);

    [Alias("RecordPickUp")]
    Task<CaseResult> RecordPickUp(RecordPickUp command);

    [Alias("ConfirmDelivery")]
    Task<CaseResult> ConfirmDelivery(ConfirmDelivery command);

    [Alias("Rate")]
    Task<CaseResult> Rate(RateService command);

    [Alias("RespondToRating")]
    Task<CaseResult> RespondToRating(RespondToRating command);

    [Alias("Claim")]
    Task<CaseResult> Claim(ClaimMatter command);

    [Alias("Complete")]
    Task<CaseResult> Complete(CompleteMatter command);

    [Alias("ReturnForSupplement")]
    Task<CaseResult> ReturnForSupplement(ReturnMatterForSupplement command);

    [Alias("Reject")]
    Task<CaseResult> Reject(RejectMatter command);

    [Alias("Withdraw")]
    Task<CaseResult> Withdraw(WithdrawApplication command);

    [Alias("Supplement")]
    Task<CaseResult> Supplement(SupplementMaterials command);

    /// <summary>
    /// Acts on whatever deadline has passed (review period, supplement expiry, SLA alerts): called by the deadline sweep when the
    /// stored next deadline is due. Acting twice is impossible: a deadline acted on is part of the state.
    /// </summary>
    [Alias("CheckDeadlines")]
    Task CheckDeadlines();
}
