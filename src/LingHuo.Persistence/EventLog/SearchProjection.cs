using System.Text.Json;
using LingHuo.Domain.Calendar;
using LingHuo.Domain.Cases;
using LingHuo.Domain.Catalog;
using LingHuo.Domain.Identity;
using LingHuo.Domain.Intake;
using LingHuo.Grains.Abstractions;
using LingHuo.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Orleans.Configuration;

namespace LingHuo.Persistence.EventLog;

/// <summary>
/// Keeps application_search behind case_events. One projector at a time (an advisory lock; others skip),
/// reading behind the running-transaction horizon in (tx, id) order, each batch and its new position in one
/// transaction. The log says which applications changed; their rows are made from their stored states (one document
/// per application, not one per event), and only a newer version changes a row, so a rebuild gives the same rows.
/// </summary>
public sealed partial class SearchProjection(NpgsqlDataSource database, IOptions<ClusterOptions> cluster, ILogger<SearchProjection> logger)
{
    public const int Batch = 2_000;

    // Any fixed number, distinct from the migrator's: the lock that makes the projector one at a time.
    private const long LockKey = 0x536561726368;

    /// <summary>How long a rebuild waits for a running transaction to move the commit horizon before it looks again.</summary>
    public static readonly TimeSpan HorizonWait = TimeSpan.FromMilliseconds(20);

    private readonly string _serviceId = cluster.Value.ServiceId;

    /// <summary>Projects what is new; returns how many events it read (0 when caught up or another projector is busy).</summary>
    public Task<int> AdvanceAsync(CancellationToken cancellationToken = default) => AdvanceAsync(waitForOthers: false, cancellationToken);

    private async Task<int> AdvanceAsync(bool waitForOthers, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        string positionTx;
        long positionId;

        // One projector at a time, by an advisory lock rather than a row lock: a row lock gives the transaction an id
        // from its start, and a running transaction holds back the commit horizon every feed reads behind. This one
        // gets its id only when it writes the rows, at the end.
        var take = waitForOthers ? "select pg_advisory_xact_lock(@key), true" : "select 0, pg_try_advisory_xact_lock(@key)";
        await using (var locked = new NpgsqlCommand(take, connection, transaction))
        {
            locked.Parameters.AddWithValue("key", LockKey);
            await using var reader = await locked.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken) || !reader.GetBoolean(1))
            {
                return 0;
            }
        }

        await using (var position = new NpgsqlCommand("select position_tx::text, position_id from projections where name = 'search'", connection, transaction))
        await using (var reader = await position.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return 0;
            }

            (positionTx, positionId) = (reader.GetString(0), reader.GetInt64(1));
        }

        var events = new List<(long Id, string Tx, string Number)>();
        await using (var read = new NpgsqlCommand("""
            select id, tx::text, application_number from case_events
            where (tx, id) > (@tx::xid8, @id) and tx < pg_snapshot_xmin(pg_current_snapshot())
            order by tx, id
            limit @batch
            """, connection, transaction))
        {
            read.Parameters.AddWithValue("tx", positionTx);
            read.Parameters.AddWithValue("id", positionId);
            read.Parameters.AddWithValue("batch", Batch);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                events.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        if (events.Count == 0)
        {
            return 0;
        }

        var rows = await RowsAsync(connection, transaction, [.. events.Select(e => e.Number).Distinct()], cancellationToken);
        await SaveAsync(connection, transaction, rows, cancellationToken);

        await using (var move = new NpgsqlCommand("update projections set position_tx = @tx::xid8, position_id = @id where name = 'search'", connection, transaction))
        {
            move.Parameters.AddWithValue("tx", events[^1].Tx);
            move.Parameters.AddWithValue("id", events[^1].Id);
            await move.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return events.Count;
    }

    /// <summary>Throws the model away and projects the whole log again.</summary>
    public async Task RebuildAsync(CancellationToken cancellationToken = default)
    {
        await using (var reset = database.CreateCommand("""
            update projections set position_tx = '0', position_id = 0 where name = 'search';
            truncate application_search;
            """))
        {
            await reset.ExecuteNonQueryAsync(cancellationToken);
        }

        // Done when the position has passed every event committed before the rebuild began. An empty batch is not the
        // end: the commit horizon holds events back while an older transaction still runs (0 then means "not yet").
        // Waiting for the position row, not skipping it: a background projector may hold it for a batch.
        if (await LastEventAsync(cancellationToken) is not var (endTx, endId))
        {
            return;
        }

        var waiting = false;
        while (true)
        {
            if (await AdvanceAsync(waitForOthers: true, cancellationToken) > 0)
            {
                continue;
            }

            await using var passed = database.CreateCommand("select (position_tx, position_id) >= (@tx::xid8, @id) from projections where name = 'search'");
            passed.Parameters.AddWithValue("tx", endTx);
            passed.Parameters.AddWithValue("id", endId);
            if ((bool)(await passed.ExecuteScalarAsync(cancellationToken))!)
            {
                return;
            }

            if (!waiting)
            {
                waiting = true;
                LogWaitingForHorizon(logger);
            }

            await Task.Delay(HorizonWait, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The search rebuild waits for the commit horizon: a transaction older than the newest events is still running")]
    private static partial void LogWaitingForHorizon(ILogger logger);

    private async Task<(string Tx, long Id)?> LastEventAsync(CancellationToken cancellationToken)
    {
        await using var last = database.CreateCommand("select tx::text, id from case_events order by tx desc, id desc limit 1");
        await using var reader = await last.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetString(0), reader.GetInt64(1)) : null;
    }

    // The rows of the applications with news, from their stored states (each as of now: never behind the events read),
    // found by the rows' whole key (a string-keyed grain has N0 = N1 = 0): one index probe per number (a join, since
    // PostgreSQL 15 does not probe the key's expression column with `= any(...)`). The payload is read as it is stored;
    // only the parts a row needs are deserialized.
    private async Task<List<Row>> RowsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string[] numbers, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            select s.payload
            from unnest(@numbers::text[]) n (number)
            join orleans_grain_state s
              on s.service_id = @service and s.grain_type = @grainType and s.grain_id_n0 = 0 and s.grain_id_n1 = 0
             and coalesce(s.grain_id_ext, '') = n.number
            where s.payload is not null
            """, connection, transaction);
        command.Parameters.AddWithValue("service", _serviceId);
        command.Parameters.AddWithValue("grainType", StorageNames.ApplicationState);
        command.Parameters.AddWithValue("numbers", numbers);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<Row>(numbers.Length);
        while (await reader.ReadAsync(cancellationToken))
        {
            var stored = JsonSerializer.Deserialize<StoredApplication>(reader.GetFieldValue<byte[]>(0), LingHuoJson.Options)!;
            if (stored.Application is { } application)
            {
                rows.Add(Row.Of(application, stored.ApplicantKey, stored.IdentityNumber is { } identity ? IdentityMask.Mask(identity) : null));
            }
        }

        return rows;
    }

    /// <summary>What a row needs of the application grain's stored state (the rest of the document is skipped).</summary>
    private sealed record StoredApplication(Application? Application, string? ApplicantKey, string? IdentityNumber);

    // All rows of a batch in one round trip.
    private static async Task SaveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<Row> rows, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var row in rows)
        {
            var command = new NpgsqlBatchCommand("""
                insert into application_search (number, county_code, channel, status, outcome, applicant_key, applicant_masked, matters,
                    departments, submitted_at, accepted_at, committed_due_soon_at, committed_at, statutory_at, provisional, closed_at, version,
                    waiting_due_day, waiting_due_provisional, rating, rectification_opened_at, rectification_due_day, sla_paused)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)
                on conflict (number) do update set
                    status = excluded.status, outcome = excluded.outcome, matters = excluded.matters, accepted_at = excluded.accepted_at,
                    committed_due_soon_at = excluded.committed_due_soon_at, committed_at = excluded.committed_at,
                    statutory_at = excluded.statutory_at, provisional = excluded.provisional, closed_at = excluded.closed_at,
                    version = excluded.version, waiting_due_day = excluded.waiting_due_day,
                    waiting_due_provisional = excluded.waiting_due_provisional, rating = excluded.rating,
                    rectification_opened_at = excluded.rectification_opened_at, rectification_due_day = excluded.rectification_due_day,
                    sla_paused = excluded.sla_paused
                where application_search.version < excluded.version
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = row.Number });
            command.Parameters.Add(new NpgsqlParameter { Value = row.CountyCode });
            command.Parameters.Add(new NpgsqlParameter { Value = row.Channel.ToString() });
            command.Parameters.Add(new NpgsqlParameter { Value = row.Status.ToString() });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)row.Outcome?.ToString() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)row.ApplicantKey ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)row.ApplicantMasked ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(row.Matters, LingHuoJson.Options), NpgsqlDbType = NpgsqlDbType.Jsonb });
            command.Parameters.Add(new NpgsqlParameter { Value = row.Matters.Keys.Select(m => Matters.DepartmentOf(m).ToString()).Distinct().ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = row.SubmittedAt.ToUniversalTime() });
            command.Parameters.Add(Utc(row.AcceptedAt));
            command.Parameters.Add(Utc(row.CommittedDueSoonAt));
            command.Parameters.Add(Utc(row.CommittedAt));
            command.Parameters.Add(Utc(row.StatutoryAt));
            command.Parameters.Add(new NpgsqlParameter { Value = row.Provisional });
            command.Parameters.Add(Utc(row.ClosedAt));
            command.Parameters.Add(new NpgsqlParameter { Value = row.Version });
            command.Parameters.Add(new NpgsqlParameter { Value = row.Waiting is { } waiting ? waiting.Day : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date });
            command.Parameters.Add(new NpgsqlParameter { Value = row.Waiting?.IsProvisional ?? false });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)row.Rating?.ToString() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(Utc(row.OpenTicket?.OpenedAt));
            command.Parameters.Add(new NpgsqlParameter { Value = row.OpenTicket is { } ticket ? ticket.Due.Day : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date });
            command.Parameters.Add(new NpgsqlParameter { Value = row.SlaPaused });
            batch.BatchCommands.Add(command);
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    // Npgsql writes timestamptz from UTC values only; a missing instant is a typed NULL.
    private static NpgsqlParameter Utc(DateTimeOffset? instant) =>
        new() { Value = instant is { } value ? value.ToUniversalTime() : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz };

    private sealed record Row(
        string Number,
        string CountyCode,
        Channel Channel,
        ApplicationStatus Status,
        ApplicationOutcome? Outcome,
        string? ApplicantKey,
        string? ApplicantMasked,
        Dictionary<Matter, MatterStatus> Matters,
        DateTimeOffset SubmittedAt,
        DateTimeOffset? AcceptedAt,
        DateTimeOffset? CommittedDueSoonAt,
        DateTimeOffset? CommittedAt,
        DateTimeOffset? StatutoryAt,
        bool Provisional,
        DateTimeOffset? ClosedAt,
        long Version,
        Deadline? Waiting,
        RatingLevel? Rating,
        Rectification? OpenTicket,
        bool SlaPaused)
    {
        public static Row Of(Application a, string? applicantKey, string? applicantMasked) => new(
            a.Number.Value,
            a.CountyCode,
            a.Channel,
            a.Status,
            a.IsClosed ? a.Outcome : null,
            applicantKey,
            applicantMasked,
            a.Matters.ToDictionary(m => m.Matter, m => m.Status),
            a.SubmittedAt,
            a.Sla?.AcceptedAt,
            a.Sla?.Committed.DueSoonFrom,
            a.Sla?.Committed.At,
            a.Sla?.Statutory.At,
            a.Sla?.IsProvisional ?? false,
            a.ClosedAt,
            a.Version,
            a.Status switch
            {
                ApplicationStatus.PreCheck => a.ReviewDeadline,
                ApplicationStatus.SupplementRequired => a.SupplementDeadline,
                _ => null,
            },
            a.Rating?.Level,
            a.Rectification is { IsOpen: true } ticket ? ticket : null,
            a.Sla?.PausedSince is not null);
    }
}
