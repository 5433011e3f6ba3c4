using System.Collections.Immutable;
using LingHuo.Domain.Cases;
using LingHuo.Domain.Notifications;

namespace LingHuo.Runtime;

/// <summary>
/// A grain state whose save also appends events to case_events, their messages to the outbox, and stores a next deadline (the application's): the
/// storage writes the state, these events and this deadline in one statement, so an acknowledged change always has
/// its events and its deadline. The events are not part of the stored document.
/// </summary>
public interface IJournaledState
{
    /// <summary>The events of the change being saved.</summary>
    ImmutableArray<CaseEvent> Outbox { get; }

    /// <summary>The county the events belong to (case_events.county_code, which the feeds filter by).</summary>
    string? CountyCode { get; }

    /// <summary>The messages to the applicant those events call for: stored in the notification outbox by the same statement.</summary>
    ImmutableArray<Notification> Messages { get; }

    /// <summary>Where text messages go (the applicant's mobile number), if anywhere.</summary>
    string? MessagePhone { get; }

    /// <summary>When the application was submitted: the month its events are kept under (case_events.submitted_at).</summary>
    DateTimeOffset? SubmittedAt { get; }

    /// <summary>When the next timed transition is due; none when there is none.</summary>
    DateTimeOffset? DueAt { get; }
}
