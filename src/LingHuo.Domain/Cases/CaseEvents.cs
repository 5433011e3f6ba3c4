using System.Collections.Immutable;
using LingHuo.Domain.Calendar;

namespace LingHuo.Domain.Cases;

/// <summary>
/// Something that happened to an application. <see cref="Sequence"/> numbers an application's events 1, 2, 3… without
/// gaps, in the order they happened; the department feeds are built from them.
/// </summary>
public abstract record CaseEvent(long Sequence, DateTimeOffset At);

public sealed record ApplicationSubmitted(long Sequence, DateTimeOffset At, EnumSet<Matter> Matters, Channel Channel, string CountyCode)
    : CaseEvent(Sequence, At);

public sealed record SupplementRequested(long Sequence, DateTimeOffset At, EnumSet<Material> Materials, Deadline Due)
    : CaseEvent(Sequence, At);

public sealed record MaterialsSupplemented(long Sequence, DateTimeOffset At, EnumSet<Material> Materials)
    : CaseEvent(Sequence, At);

public sealed record ApplicationAccepted(long Sequence, DateTimeOffset At, SlaClock Sla)
    : CaseEvent(Sequence, At);

public sealed record AcceptanceRefused(long Sequence, DateTimeOffset At, ImmutableArray<Refusal> Reasons)
    : CaseEvent(Sequence, At);

public sealed record MatterReady(long Sequence, DateTimeOffset At, Matter Matter, Department Department)
    : CaseEvent(Sequence, At);

public sealed record MatterClaimed(long Sequence, DateTimeOffset At, Matter Matter, Department Department, string Handler)
    : CaseEvent(Sequence, At);

public sealed record MatterCompleted(long Sequence, DateTimeOffset At, Matter Matter, Department Department, MatterResult Result)
    : CaseEvent(Sequence, At);

public sealed record MatterRejected(long Sequence, DateTimeOffset At, Matter Matter, Department Department, string Reason)
    : CaseEvent(Sequence, At);

public sealed record MatterCancelled(long Sequence, DateTimeOffset At, Matter Matter, Department Department, CancelReason Reason, Matter? RejectedPrerequisite)
    : CaseEvent(Sequence, At);

public sealed record SlaAlertRaised(long Sequence, DateTimeOffset At, SlaAlert Alert, Deadline Deadline)
    : CaseEvent(Sequence, At);

public sealed record ApplicationWithdrawn(long Sequence, DateTimeOffset At, string Reason)
    : CaseEvent(Sequence, At);

public sealed record ApplicationClosed(long Sequence, DateTimeOffset At, ApplicationOutcome Outcome)
    : CaseEvent(Sequence, At);
