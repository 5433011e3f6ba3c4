using System.Collections.Immutable;
using LingHuo.Domain;
using LingHuo.Domain.Cases;
using LingHuo.Domain.Eligibility;

namespace LingHuo.Grains.Abstractions;

// Every mutating command carries the client's request id: a retry with the same id returns the first outcome.

/// <summary>
/// A new application. <see cref="RefuseIncomplete"/> is the public API's rule (no acceptance with gaps, 容缺): missing
/// materials refuse the submission, with every other reason, instead of opening it with a supplement notice.
/// </summary>
[GenerateSerializer, Immutable, Alias("linghuo.SubmitApplication")]
public sealed record SubmitApplication(
    [property: Id(0)] string RequestId,
    [property: Id(1)] ApplicationRequest Request,
    [property: Id(2)] bool RefuseIncomplete = false);

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
    [property: Id(4)] PrecheckResult? Precheck = null);

[GenerateSerializer, Immutable, Alias("linghuo.ClaimMatter")]
public sealed record ClaimMatter(
    [property: Id(0)] string RequestId,
    [property: Id(1)] Matter Matter,
    [property: Id(2)] Department Department,
    [property: Id(3)] string Handler);

[GenerateSerializer, Immutable, Alias("linghuo.CompleteMatter")]
public sealed record CompleteMatter(
    [property: Id(0)] string RequestId,
    [property: Id(1)] Matter Matter,
    [property: Id(2)] Department Department,
    [property: Id(3)] MatterResult Result);

[GenerateSerializer, Immutable, Alias("linghuo.RejectMatter")]
public sealed record RejectMatter(
    [property: Id(0)] string RequestId,
    [property: Id(1)] Matter Matter,
    [property: Id(2)] Department Department,
    [property: Id(3)] string Reason);

[GenerateSerializer, Immutable, Alias("linghuo.WithdrawApplication")]
public sealed record WithdrawApplication(
    [property: Id(0)] string RequestId,
    [property: Id(1)] string Reason);

[GenerateSerializer, Immutable, Alias("linghuo.SupplementMaterials")]
public sealed record SupplementMaterials(
    [property: Id(0)] string RequestId,
    [property: Id(1)] ImmutableArray<ProvidedMaterial> Materials);

[GenerateSerializer, Immutable, Alias("linghuo.RecordApplicantFacts")]
public sealed record RecordApplicantFacts(
    [property: Id(0)] string RequestId,
    [property: Id(1)] ApplicantFacts Facts);

/// <summary>
/// A command's outcome: the application as it stands after it, or every reason it was refused (and nothing changed).
/// <see cref="Replayed"/> tells a retry of an already-applied request id.
/// </summary>
[GenerateSerializer, Immutable, Alias("linghuo.CaseResult")]
public sealed record CaseResult(
    [property: Id(0)] ImmutableArray<Refusal> Refusals,
    [property: Id(1)] Application? Application,
    [property: Id(2)] bool Replayed = false)
{
    public bool IsOk => Refusals.IsDefaultOrEmpty;

    public static CaseResult Ok(Application application, bool replayed = false) => new([], application, replayed);

    public static CaseResult Refused(ImmutableArray<Refusal> refusals) => new(refusals, null);

    public static CaseResult Refused(Refusal refusal) => new([refusal], null);
}

[GenerateSerializer, Immutable, Alias("linghuo.ApplicantSnapshot")]
public sealed record ApplicantSnapshot(
    [property: Id(0)] ApplicantFacts Facts,
    [property: Id(1)] ImmutableArray<ApplicationNumber> Applications,
    [property: Id(2)] ApplicationNumber? LastOpened);

/// <summary>
/// Storage could not be reached or failed the write; nothing was applied and the call may be retried as it was.
/// </summary>
[GenerateSerializer, Alias("linghuo.CaseStorageException")]
public sealed class CaseStorageException : Exception
{
    public CaseStorageException()
    {
    }

    public CaseStorageException(string message)
        : base(message)
    {
    }

    public CaseStorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// The store refused the data itself (a data exception or a constraint violation, SQLSTATE class 22 or 23): not an
/// outage, so a retry fails the same way. Nothing was applied. Reaching it means some input escaped validation.
/// </summary>
[GenerateSerializer, Alias("linghuo.CaseDataRefusedException")]
public sealed class CaseDataRefusedException : Exception
{
    public CaseDataRefusedException()
    {
    }

    public CaseDataRefusedException(string message)
        : base(message)
    {
    }

    public CaseDataRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The SQLSTATE of the refusal among <paramref name="exception"/> and its inner exceptions, if the store refused data.</summary>
    public static string? RefusedDataState(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is System.Data.Common.DbException { SqlState: { Length: 5 } state } && (state.StartsWith("22", StringComparison.Ordinal) || state.StartsWith("23", StringComparison.Ordinal)))
            {
                return state;
            }

            if (e is AggregateException aggregate)
            {
                return aggregate.InnerExceptions.Select(RefusedDataState).FirstOrDefault(s => s is not null);
            }
        }

        return null;
    }
}
