using System.Collections.Immutable;
using System.Globalization;
using LingHuo.Domain.Calendar;
using LingHuo.Domain.Cases;

namespace LingHuo.Domain.Notifications;

/// <summary>Which events the applicant is told about, and the values their message's template may use.</summary>
public static class Messages
{
    /// <summary>The variables each kind's template may use; every template names the application number.</summary>
    public static readonly ImmutableDictionary<MessageKind, ImmutableArray<string>> Variables = new Dictionary<MessageKind, ImmutableArray<string>>
    {
        [MessageKind.Received] = ["number", "date"],
        [MessageKind.Accepted] = ["number", "date", "committed", "statutory"],
        [MessageKind.SupplementRequested] = ["number", "count", "due"],
        [MessageKind.SupplementDueTomorrow] = ["number", "due"],
        [MessageKind.Refused] = ["number", "date"],
        [MessageKind.Closed] = ["number", "outcome"],
        [MessageKind.Dispatched] = ["number", "carrier", "waybill"],
        [MessageKind.RatingInvited] = ["number"],
        [MessageKind.RectificationAnswered] = ["number"],
    }.ToImmutableDictionary();

    /// <summary>The message an event calls for, with its template's values, or null when the applicant is not told.</summary>
    public static (MessageKind Kind, ImmutableDictionary<string, string> Values)? For(CaseEvent caseEvent, ApplicationNumber number)
    {
        ArgumentNullException.ThrowIfNull(caseEvent);
        var on = BeijingTime.Written(caseEvent.At);
        (MessageKind, ImmutableDictionary<string, string>)? message = caseEvent switch
        {
            ApplicationSubmitted => Make(MessageKind.Received, ("date", on)),
            ApplicationAccepted accepted => Make(MessageKind.Accepted,
                ("date", on), ("committed", BeijingTime.Written(accepted.Sla.Committed.Day)), ("statutory", BeijingTime.Written(accepted.Sla.Statutory.Day))),
            SupplementRequested requested => Make(MessageKind.SupplementRequested,
                ("count", requested.Items.Length.ToString(CultureInfo.InvariantCulture)), ("due", BeijingTime.Written(requested.Due.Day))),
            SupplementDueSoon soon => Make(MessageKind.SupplementDueTomorrow, ("due", BeijingTime.Written(soon.Due.Day))),
            AcceptanceRefused => Make(MessageKind.Refused, ("date", on)),
            ApplicationClosed { Outcome: not ApplicationOutcome.NotAccepted } closed => Make(MessageKind.Closed, ("outcome", OutcomeText(closed.Outcome))),
            ResultDispatched dispatched => Make(MessageKind.Dispatched, ("carrier", dispatched.Carrier), ("waybill", dispatched.Waybill)),
            RatingInvited => Make(MessageKind.RatingInvited),
            RectificationClosed => Make(MessageKind.RectificationAnswered),
            _ => null,
        };
        return message;

        (MessageKind, ImmutableDictionary<string, string>) Make(MessageKind kind, params (string Name, string Value)[] values) =>
            (kind, values.Append(("number", number.Value)).ToImmutableDictionary(v => v.Item1, v => v.Item2));
    }

    private static string OutcomeText(ApplicationOutcome outcome) => outcome switch
    {
        ApplicationOutcome.AllCompleted => "全部事项已办结",
        ApplicationOutcome.CompletedWithRejections => "部分事项未予办理，详见办理结果",
        ApplicationOutcome.Withdrawn => "申请已撤回",
        ApplicationOutcome.SupplementOverdue => "逾期未补正，已终止办理",
        _ => "已办结",
    };
}
