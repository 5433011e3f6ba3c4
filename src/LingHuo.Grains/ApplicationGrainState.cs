using System.Collections.Immutable;
using LingHuo.Domain.Cases;
using LingHuo.Domain.Eligibility;

namespace LingHuo.Grains;

public sealed record ApplicationGrainState
{
    public Application? Application { get; init; }

    public string? ApplicantKey { get; init; }

    /// <summary>
    /// The full identity number, kept because departments need it to handle the matters: only a department acting in
    /// its jurisdiction reads it (QueryService.GetApplicationByNumber), and each read is audited.
    /// </summary>
    public string? IdentityNumber { get; init; }

    /// <summary>The applicant's facts as merged at intake; acceptance after a supplement judges prerequisites by them.</summary>
    public ApplicantFacts Facts { get; init; } = ApplicantFacts.None;

    /// <summary>
    /// The application's next deadline (<see cref="Domain.Cases.Application.NextTimerAt"/>) as of the last write: the
    /// write stores it in the row's due_at, where the deadline sweep finds it.
    /// </summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>
    /// The events of the last change. The storage write that saves this state inserts them into <c>case_events</c> in
    /// the same statement, so an acknowledged change always has its events; they are cleared after each write.
    /// </summary>
    public ImmutableArray<CaseEvent> Outbox { get; init; } = [];

    public ImmutableArray<AppliedRequest> Requests { get; init; } = [];
}
