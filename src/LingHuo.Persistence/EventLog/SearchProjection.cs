using System.Text.Json;
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
/// Projects case_events into application_search. One projector at a time (the position row is locked, others skip),
/// reading behind the running-transaction horizon in (tx, id) order, each batch and its new position in one
/// transaction; applying an event is idempotent (only a newer sequence changes a row), so a rebuild gives the same rows.
/// </summary>
public sealed partial class SearchProjection(NpgsqlDataSource database, IOptions<ClusterOptions> cluster, ILogger<SearchProjection> logger)
{
    public const int Batch = 2_000;

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
        var lockMode = waitForOthers ? "for update" : "for update skip locked";
        await using (var position = new NpgsqlCommand($"select position_tx::text, position_id from projections where name = 'search' {lockMode}", connection, transaction))
        await using (var reader = await position.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return 0;
            }

            (positionTx, positionId) = (reader.GetString(0), reader.GetInt64(1));
        }

        var events = new List<(long Id, string Tx, string Number, CaseEvent Event)>();
        await using (var read = new NpgsqlCommand("""
            select id, tx::text, application_number, event_type, payload::text from case_events
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
                events.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), LingHuoJson.ReadCaseEvent(reader.GetString(3), reader.GetString(4))));
            }
        }

        if (events.Count == 0)
        {
            return 0;
        }

        var rows = await LoadAsync(connection, transaction, [.. events.Select(e => e.Number).Distinct()], cancellationToken);
        string[] submitted = [.. events.Where(e => e.Event is ApplicationSubmitted && !rows.ContainsKey(e.Number)).Select(e => e.Number).Distinct()];
        foreach (var row in await NewRowsAsync(connection, transaction, submitted, cancellationToken))
        {
            rows[row.Number] = row;
        }

        foreach (var (_, _, number, caseEvent) in events)
        {
            if (rows.TryGetValue(number, out var row) && caseEvent.Sequence > row.Version)
            {
                rows[number] = Apply(row, caseEvent);
            }
        }

        await SaveAsync(connection, transaction, rows.Values, cancellationToken);

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

    private static Row Apply(Row row, CaseEvent caseEvent) => caseEvent switch
    {
        ApplicationSubmitted e => row with { Status = ApplicationStatus.PreCheck, Version = e.Sequence },
        SupplementRequested e => row with { Status = ApplicationStatus.SupplementRequired, Version = e.Sequence },
        ApplicationAccepted e => row with
        {
            Status = ApplicationStatus.Accepted,
            AcceptedAt = e.At,
            CommittedDueSoonAt = e.Sla.Committed.DueSoonFrom,
            CommittedAt = e.Sla.Committed.At,
            StatutoryAt = e.Sla.Statutory.At,
            Provisional = e.Sla.IsProvisional,
            Version = e.Sequence,
        },
        MatterReady e => row.WithMatter(e.Matter, MatterStatus.ReadyForDepartment, e.Sequence),
        MatterClaimed e => row.WithMatter(e.Matter, MatterStatus.Claimed, e.Sequence),
        MatterCompleted e => row.WithMatter(e.Matter, MatterStatus.Completed, e.Sequence),
        MatterRejected e => row.WithMatter(e.Matter, MatterStatus.Rejected, e.Sequence),
        MatterCancelled e => row.WithMatter(e.Matter, MatterStatus.Cancelled, e.Sequence),
        ApplicationClosed e => row with { Status = ApplicationStatus.Closed, Outcome = e.Outcome, ClosedAt = e.At, Version = e.Sequence },
        _ => row with { Version = caseEvent.Sequence },
    };

    // The first events of applications: their intake data, and who applied (key and masked number) from their state
    // rows, found by the rows' whole key (a string-keyed grain has N0 = N1 = 0): one index probe per number (a join, since
    // PostgreSQL 15 does not probe the key's expression column with `= any(...)`).
    private async Task<List<Row>> NewRowsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string[] numbers, CancellationToken cancellationToken)
    {
        var rows = new List<Row>(numbers.Length);
        if (numbers.Length == 0)
        {
            return rows;
        }

        await using var command = new NpgsqlCommand("""
            select n.number, d.doc ->> 'application', d.doc ->> 'applicantKey', d.doc ->> 'identityNumber'
            from unnest(@numbers::text[]) n (number)
            join orleans_grain_state s
              on s.service_id = @service and s.grain_type = @grainType and s.grain_id_n0 = 0 and s.grain_id_n1 = 0
             and coalesce(s.grain_id_ext, '') = n.number
            cross join lateral (select convert_from(s.payload, 'UTF8')::jsonb as doc) d
            where s.payload is not null
            """, connection, transaction);
        command.Parameters.AddWithValue("service", _serviceId);
        command.Parameters.AddWithValue("grainType", StorageNames.ApplicationState);
        command.Parameters.AddWithValue("numbers", numbers);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.IsDBNull(1))
            {
                continue;
            }

            var application = JsonSerializer.Deserialize<Application>(reader.GetString(1), LingHuoJson.Options)!;
            rows.Add(new Row(
                reader.GetString(0),
                application.CountyCode,
                application.Channel,
                ApplicationStatus.PreCheck,
                null,
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : IdentityMask.Mask(reader.GetString(3)),
                application.Matters.ToDictionary(m => m.Matter, _ => MatterStatus.Pending),
                application.SubmittedAt,
                Version: 0));
        }

        return rows;
    }

    private static async Task<Dictionary<string, Row>> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string[] numbers, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            select number, county_code, channel, status, outcome, applicant_key, applicant_masked, matters::text, submitted_at,
                   accepted_at, committed_due_soon_at, committed_at, statutory_at, provisional, closed_at, version
            from application_search where number = any(@numbers)
            """, connection, transaction);
        command.Parameters.AddWithValue("numbers", numbers);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new Dictionary<string, Row>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows[reader.GetString(0)] = new Row(
                reader.GetString(0),
                reader.GetString(1),
                Enum.Parse<Channel>(reader.GetString(2)),
                Enum.Parse<ApplicationStatus>(reader.GetString(3)),
                reader.IsDBNull(4) ? null : Enum.Parse<ApplicationOutcome>(reader.GetString(4)),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                JsonSerializer.Deserialize<Dictionary<Matter, MatterStatus>>(reader.GetString(7), LingHuoJson.Options)!,
                reader.GetFieldValue<DateTimeOffset>(8),
                reader.GetInt64(15))
            {
                AcceptedAt = reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9),
                CommittedDueSoonAt = reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10),
                CommittedAt = reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11),
                StatutoryAt = reader.IsDBNull(12) ? null : reader.GetFieldValue<DateTimeOffset>(12),
                Provisional = reader.GetBoolean(13),
                ClosedAt = reader.IsDBNull(14) ? null : reader.GetFieldValue<DateTimeOffset>(14),
            };
        }

        return rows;
    }

    // All rows of a batch in one round trip.
    private static async Task SaveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<Row> rows, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var row in rows)
        {
            var command = new NpgsqlBatchCommand("""
                insert into application_search (number, county_code, channel, status, outcome, applicant_key, applicant_masked, matters,
                    departments, submitted_at, accepted_at, committed_due_soon_at, committed_at, statutory_at, provisional, closed_at, version)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
                on conflict (number) do update set
                    status = excluded.status, outcome = excluded.outcome, matters = excluded.matters, accepted_at = excluded.accepted_at,
                    committed_due_soon_at = excluded.committed_due_soon_at, committed_at = excluded.committed_at,
                    statutory_at = excluded.statutory_at, provisional = excluded.provisional, closed_at = excluded.closed_at,
                    version = excluded.version
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
        long Version)
    {
        public DateTimeOffset? AcceptedAt { get; init; }

        public DateTimeOffset? CommittedDueSoonAt { get; init; }

        public DateTimeOffset? CommittedAt { get; init; }

        public DateTimeOffset? StatutoryAt { get; init; }

        public bool Provisional { get; init; }

        public DateTimeOffset? ClosedAt { get; init; }

        public Row WithMatter(Matter matter, MatterStatus status, long sequence) =>
            this with { Matters = new Dictionary<Matter, MatterStatus>(Matters) { [matter] = status }, Version = sequence };
    }
}
