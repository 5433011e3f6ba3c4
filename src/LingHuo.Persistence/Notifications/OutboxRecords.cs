using LingHuo.Domain.Notifications;

namespace LingHuo.Persistence.Notifications;

/// <summary>A message as the webhook sender takes it: with the phone number, which nothing else reads.</summary>
public sealed record OutgoingMessage(string ApplicationNumber, long Sequence, MessageKind Kind, string Text, string Phone, DateTimeOffset CreatedAt, int Attempts)
{
    /// <summary>The receiver's idempotency key: one message per event of an application.</summary>
    public string Id => $"{ApplicationNumber}/{Sequence}";
}

/// <summary>A message in the applicant's in-app inbox, and how far the text message got.</summary>
public sealed record InboxMessage(long Sequence, MessageKind Kind, string Text, DateTimeOffset CreatedAt, string WebhookState);

/// <summary>A dead letter, as an operator sees it: the phone number masked.</summary>
public sealed record FailedMessage(string ApplicationNumber, long Sequence, MessageKind Kind, string County, string MaskedPhone, DateTimeOffset CreatedAt, int Attempts, string? LastError);
