using System.Collections.Immutable;
using System.Text.Json.Serialization;
using LingHuo.Domain.Cases;
using LingHuo.Domain.Eligibility;
using LingHuo.Domain.Notifications;
using LingHuo.Runtime;

namespace LingHuo.Grains;

public sealed record ApplicationGrainState : IJournaledState
{
    public Application? Application { get; init; }

    public string? ApplicantKey { get; init; }

    /// <summary>
    /// The full identity number, kept because departments need it to handle the matters: only a department acting in
    /// its jurisdiction reads it (QueryService.GetApplicationByNumber), and each read is audited.
    /// </summary>
    public string? IdentityNumber { get; init; }

    /// <summary>The applicant's name as given (personal data: never on an event, a search row or a log line).</summary>
    public string? ApplicantName { get; init; }

    /// <summary>The applicant's mobile number for text messages, if given (personal data, like the name).</summary>
    public string? ContactPhone { get; init; }

    /// <summary>The applicant's facts as merged at intake; acceptance after a supplement judges prerequisites by them.</summary>
    public ApplicantFacts Facts { get; init; } = ApplicantFacts.None;

    /// <summary>
    /// The application's next deadline (<see cref="Domain.Cases.Application.NextTimerAt"/>) as of the last write: the
    /// write stores it in the row's due_at, where the deadline sweep finds it. Kept in the document as well, so that a
    /// woken grain knows whether its row already holds its real deadline.
    /// </summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>
    /// The events of the change being saved: the storage write that saves this state inserts them into
    /// <c>case_events</c> in the same statement. Not stored with the state; cleared after each write.
    /// </summary>
    [JsonIgnore]
    public ImmutableArray<CaseEvent> Outbox { get; init; } = [];

    /// <summary>The messages of the change being saved (like <see cref="Outbox"/>, written by the same statement, never stored with the state).</summary>
    [JsonIgnore]
    public ImmutableArray<Notification> Messages { get; init; } = [];

    string? IJournaledState.MessagePhone => ContactPhone;

    string? IJournaledState.CountyCode => Application?.CountyCode;

    DateTimeOffset? IJournaledState.SubmittedAt => Application?.SubmittedAt;

    public ImmutableArray<AppliedRequest> Requests { get; init; } = [];
}
