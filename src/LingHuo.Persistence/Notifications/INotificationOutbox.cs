namespace LingHuo.Persistence.Notifications;

/// <summary>What the gateway reads and does with the outbox: the applicant's inbox, the dead letters, a re-send.</summary>
public interface INotificationOutbox
{
    /// <summary>Every message to the applicant of an application, oldest first.</summary>
    Task<IReadOnlyList<InboxMessage>> InboxAsync(string applicationNumber, CancellationToken cancellationToken = default);

    /// <summary>Messages the webhook gave up on, newest first.</summary>
    Task<IReadOnlyList<FailedMessage>> FailedAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>Puts a failed message back to be sent (with a fresh count of attempts); false when it was not failed.</summary>
    Task<RetryOutcome> RetryAsync(string applicationNumber, long sequence, CancellationToken cancellationToken = default);
}

public enum RetryOutcome
{
    Queued,
    NotFound,
    NotFailed,
}
