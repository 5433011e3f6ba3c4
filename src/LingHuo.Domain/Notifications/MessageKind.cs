namespace LingHuo.Domain.Notifications;

/// <summary>The steps of a case the applicant is told about. Values are stable (they are stored).</summary>
public enum MessageKind
{
    /// <summary>收件: the application was received.</summary>
    Received = 1,

    /// <summary>受理, with the time limits.</summary>
    Accepted = 2,

    /// <summary>补正告知: what to supplement, by when.</summary>
    SupplementRequested = 3,

    /// <summary>The supplement notice ends tomorrow.</summary>
    SupplementDueTomorrow = 4,

    /// <summary>不予受理.</summary>
    Refused = 5,

    /// <summary>办结 or otherwise closed (other than by a refusal, which has its own message).</summary>
    Closed = 6,

    /// <summary>Results handed to a carrier.</summary>
    Dispatched = 7,

    /// <summary>好差评: please rate the service.</summary>
    RatingInvited = 8,

    /// <summary>The county office answered a bad review.</summary>
    RectificationAnswered = 9,
}
