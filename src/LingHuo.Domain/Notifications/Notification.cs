namespace LingHuo.Domain.Notifications;

/// <summary>
/// A message to the applicant, caused by the event <see cref="Sequence"/> of an application (at most one per event, so
/// the application number and the sequence identify it), its text written from the template of its kind.
/// </summary>
public sealed record Notification(long Sequence, DateTimeOffset At, MessageKind Kind, string Text);
