using System.Text.Json;
using LingHuo.Domain;
using LingHuo.Domain.Calendar;
using LingHuo.Domain.Cases;
using LingHuo.Domain.Identity;
using LingHuo.Grains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace LingHuo.Persistence;

/// <summary>
/// Projects case_events into application_search. One projector at a time (the position row is locked, others skip),
/// reading behind the running-transaction horizon in (tx, id) order, each batch and its new position in one
/// transaction; applying an event is idempotent (only a newer sequence changes a row), so a rebuild gives the same rows.
/// </summary>
public sealed class SearchProjection(NpgsqlDataSource database)
{
    public const int Batch = 2_000;

    /// <summary>Projects what is new; returns how many events it read (0 when caught up or another projector is busy).</summary>
    public async Task<int> AdvanceAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        string positionTx;
        long positionId;
        await using (var position = new NpgsqlCommand("select position_tx::text, position_id from projections where name = 'search' for update skip locked", connection, transaction))
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
            select id, tx::text, application_number, payload::text from case_events
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
                events.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), JsonSerializer.Deserialize<CaseEvent>(reader.GetString(3), LingHuoJson.Options)!));
            }
        }

        if (events.Count == 0)
        {
            return 0;
        }

        var rows = await LoadAsync(connection, transaction, [.. events.Select(e => e.Number).Distinct()], cancellationToken);
        foreach (var (_, _, number, caseEvent) in events)
        {
            rows.TryGetValue(number, out var row);
            if (caseEvent is ApplicationSubmitted && row is null)
            {
                row = await NewRowAsync(connection, transaction, number, cancellationToken);
            }

            if (row is not null && caseEvent.Sequence > row.Version)
            {
                rows[number] = Apply(row, caseEvent);
            }
        }

        foreach (var row in rows.Values)
        {
            await SaveAsync(connection, transaction, row, cancellationToken);
        }

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

        while (await AdvanceAsync(cancellationToken) > 0)
        {
        }
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

    // The first event of an application: its intake data, and who applied (key and masked number) from its state row.
    private static async Task<Row?> NewRowAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string number, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            select convert_from(payload, 'UTF8')::jsonb #>> '{application}', convert_from(payload, 'UTF8')::jsonb ->> 'applicantKey', convert_from(payload, 'UTF8')::jsonb ->> 'identityNumber'
            from orleans_grain_state
            where grain_type = 'application' and coalesce(grain_id_ext, '') = @number
            """, connection, transaction);
        command.Parameters.AddWithValue("number", number);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken) || reader.IsDBNull(0))
        {
            return null;
        }

        var application = JsonSerializer.Deserialize<Application>(reader.GetString(0), LingHuoJson.Options)!;
        return new Row(
            number,
            application.CountyCode,
            application.Channel,
            ApplicationStatus.PreCheck,
            null,
            reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.IsDBNull(2) ? null : IdentityMask.Mask(reader.GetString(2)),
            application.Matters.ToDictionary(m => m.Matter, _ => MatterStatus.Pending),
            application.SubmittedAt,
            Version: 0);
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

    private static async Task SaveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Row row, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            insert into application_search (number, county_code, channel, status, outcome, applicant_key, applicant_masked, matters,
                departments, submitted_at, accepted_at, committed_due_soon_at, committed_at, statutory_at, provisional, closed_at, version)
            values (@number, @county, @channel, @status, @outcome, @key, @masked, @matters, @departments, @submitted, @accepted,
                @dueSoon, @committed, @statutory, @provisional, @closed, @version)
            on conflict (number) do update set
                status = excluded.status, outcome = excluded.outcome, matters = excluded.matters, accepted_at = excluded.accepted_at,
                committed_due_soon_at = excluded.committed_due_soon_at, committed_at = excluded.committed_at,
                statutory_at = excluded.statutory_at, provisional = excluded.provisional, closed_at = excluded.closed_at,
                version = excluded.version
            where application_search.version < excluded.version
            """, connection, transaction);
        command.Parameters.AddWithValue("number", row.Number);
        command.Parameters.AddWithValue("county", row.CountyCode);
        command.Parameters.AddWithValue("channel", row.Channel.ToString());
        command.Parameters.AddWithValue("status", row.Status.ToString());
        command.Parameters.AddWithValue("outcome", (object?)row.Outcome?.ToString() ?? DBNull.Value);
        command.Parameters.AddWithValue("key", (object?)row.ApplicantKey ?? DBNull.Value);
        command.Parameters.AddWithValue("masked", (object?)row.ApplicantMasked ?? DBNull.Value);
        command.Parameters.AddWithValue("matters", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(row.Matters, LingHuoJson.Options));
        command.Parameters.AddWithValue("departments", row.Matters.Keys.Select(m => Matters.DepartmentOf(m).ToString()).Distinct().ToArray());
        command.Parameters.AddWithValue("submitted", row.SubmittedAt.ToUniversalTime());
        command.Parameters.AddWithValue("accepted", Utc(row.AcceptedAt));
        command.Parameters.AddWithValue("dueSoon", Utc(row.CommittedDueSoonAt));
        command.Parameters.AddWithValue("committed", Utc(row.CommittedAt));
        command.Parameters.AddWithValue("statutory", Utc(row.StatutoryAt));
        command.Parameters.AddWithValue("provisional", row.Provisional);
        command.Parameters.AddWithValue("closed", Utc(row.ClosedAt));
        command.Parameters.AddWithValue("version", row.Version);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // Npgsql writes timestamptz from UTC values only.
    private static object Utc(DateTimeOffset? instant) => instant is { } value ? value.ToUniversalTime() : DBNull.Value;

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

/// <summary>Keeps the search model close behind the log: every half second, as long as there is something to read.</summary>
public sealed partial class SearchProjector(SearchProjection projection, ILogger<SearchProjector> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                while (await projection.AdvanceAsync(stoppingToken) == SearchProjection.Batch)
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The search projection could not advance; retrying")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

/// <summary>Keeps the open-cases gauge current from the read model: one small grouped count now and then.</summary>
public sealed partial class OpenCasesMonitor(
    ApplicationSearch search,
    CaseMetrics metrics,
    [FromKeyedServices(ServiceKeys.BusinessClock)] TimeProvider clock,
    ILogger<OpenCasesMonitor> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    public async Task RefreshAsync(CancellationToken cancellationToken) =>
        metrics.OpenCases(await search.OpenBySlaAsync(clock.GetUtcNow(), cancellationToken));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not count open cases for the gauge; retrying")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
