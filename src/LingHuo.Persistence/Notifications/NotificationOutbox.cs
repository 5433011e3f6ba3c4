using LingHuo.Domain.Identity;
using LingHuo.Domain.Notifications;
using Npgsql;

namespace LingHuo.Persistence.Notifications;

/// <summary>
/// The notifications table (0010_notifications.sql). The webhook sender claims due rows with <c>skip locked</c> and
/// pushes their next attempt past its lease, so each is sent by one silo at a time, and by another one if that silo dies
/// before it records the outcome (the receiver sees the same idempotency key again).
/// </summary>
public sealed class NotificationOutbox(NpgsqlDataSource database) : INotificationOutbox
{
    public async Task<IReadOnlyList<OutgoingMessage>> ClaimAsync(DateTimeOffset now, TimeSpan lease, int batch, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            with due as (
                select application_number, event_sequence from notifications
                where webhook_state = 'pending' and (next_attempt_at is null or next_attempt_at <= $1)
                order by next_attempt_at nulls first
                limit $3
                for update skip locked
            )
            update notifications n set attempts = n.attempts + 1, next_attempt_at = $2
            from due where n.application_number = due.application_number and n.event_sequence = due.event_sequence
            returning n.application_number, n.event_sequence, n.kind, n.text, n.phone, n.created_at, n.attempts
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = now.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = (now + lease).ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = batch });
        var claimed = new List<OutgoingMessage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new OutgoingMessage(reader.GetString(0), reader.GetInt64(1), Enum.Parse<MessageKind>(reader.GetString(2)), reader.GetString(3),
                reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5), reader.GetInt32(6)));
        }

        return claimed;
    }

    public Task SentAsync(OutgoingMessage message, DateTimeOffset at, CancellationToken cancellationToken) =>
        RecordAsync(message, "update notifications set webhook_state = 'sent', sent_at = $3, next_attempt_at = null, last_error = null", at, null, cancellationToken);

    public Task RetryLaterAsync(OutgoingMessage message, DateTimeOffset next, string error, CancellationToken cancellationToken) =>
        RecordAsync(message, "update notifications set next_attempt_at = $3, last_error = $4", next, error, cancellationToken);

    public Task FailedAsync(OutgoingMessage message, string error, CancellationToken cancellationToken) =>
        RecordAsync(message, "update notifications set webhook_state = 'failed', next_attempt_at = null, last_error = $4", null, error, cancellationToken);

    // Only while still pending: a re-send an operator asked for meanwhile is not overwritten by a late outcome.
    private async Task RecordAsync(OutgoingMessage message, string update, DateTimeOffset? at, string? error, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(update + " where application_number = $1 and event_sequence = $2 and webhook_state = 'pending' and attempts = $5");
        command.Parameters.Add(new NpgsqlParameter { Value = message.ApplicationNumber });
        command.Parameters.Add(new NpgsqlParameter { Value = message.Sequence });
        command.Parameters.Add(new NpgsqlParameter { Value = at is { } a ? a.ToUniversalTime() : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)error ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = message.Attempts });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<InboxMessage>> InboxAsync(string applicationNumber, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("""
            select event_sequence, kind, text, created_at, webhook_state from notifications
            where application_number = $1 order by event_sequence
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = applicationNumber });
        var messages = new List<InboxMessage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            messages.Add(new InboxMessage(reader.GetInt64(0), Enum.Parse<MessageKind>(reader.GetString(1)), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetString(4)));
        }

        return messages;
    }

    public async Task<IReadOnlyList<FailedMessage>> FailedAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("""
            select application_number, event_sequence, kind, county_code, phone, created_at, attempts, last_error from notifications
            where webhook_state = 'failed' order by created_at desc, application_number, event_sequence limit $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var failed = new List<FailedMessage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            failed.Add(new FailedMessage(reader.GetString(0), reader.GetInt64(1), Enum.Parse<MessageKind>(reader.GetString(2)), reader.GetString(3),
                IdentityMask.MaskPhone(reader.IsDBNull(4) ? null : reader.GetString(4)), reader.GetFieldValue<DateTimeOffset>(5), reader.GetInt32(6),
                reader.IsDBNull(7) ? null : reader.GetString(7)));
        }

        return failed;
    }

    public async Task<RetryOutcome> RetryAsync(string applicationNumber, long sequence, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("""
            with found as (
                select webhook_state from notifications where application_number = $1 and event_sequence = $2
            ), queued as (
                update notifications set webhook_state = 'pending', attempts = 0, next_attempt_at = null
                where application_number = $1 and event_sequence = $2 and webhook_state = 'failed'
                returning 1
            )
            select (select webhook_state from found), exists (select 1 from queued)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = applicationNumber });
        command.Parameters.Add(new NpgsqlParameter { Value = sequence });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return reader.IsDBNull(0) ? RetryOutcome.NotFound : reader.GetBoolean(1) ? RetryOutcome.Queued : RetryOutcome.NotFailed;
    }
}
