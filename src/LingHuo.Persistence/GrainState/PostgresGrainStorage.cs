using System.Globalization;
using System.Text.Json;
using LingHuo.Grains.Abstractions;
using LingHuo.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Orleans.Configuration;
using Orleans.Storage;

namespace LingHuo.Persistence.GrainState;

/// <summary>
/// Grain state in orleans_grain_state, one row per (state name, grain key), the row's version as the ETag. Each read
/// and write is one prepared statement with positional parameters: no query text parsed or rewritten per call. Saving a
/// journaled state (the application's, <see cref="IJournaledState"/>) also appends its events to case_events and their
/// messages to notifications, and stores its next deadline in due_at (releasing a deadline claim), in the same statement;
/// nothing is written on a version mismatch.
/// </summary>
public sealed partial class PostgresGrainStorage(string connectionString, IOptions<ClusterOptions> cluster, ILogger<PostgresGrainStorage> logger) : IGrainStorage, IDisposable
{
    // The key of a row: a string-keyed grain keeps its whole key in grain_id_ext (N0 = N1 = 0), an integer-keyed one its
    // key in N1 (and an extension, if any, in grain_id_ext). A missing extension is matched as '' (see 0001_schema.sql).
    private const string Key = """
        service_id = $1 and grain_type = $2 and grain_id_n0 = $3 and grain_id_n1 = $4 and coalesce(grain_id_ext, '') = coalesce($5, '')
        """;

    private const string ReadSql = $"select payload, version from orleans_grain_state where {Key}";

    // $6 payload, $7 expected version (null: the row must not exist yet); for a journaled state (the application's)
    // $8 the events to append, $9 their county, $10 the next deadline, $11 the applicant's mobile number and $12 the
    // messages to the applicant (the outbox the notification sender reads), $13 when the application was submitted (the
    // month its events are kept under). The document itself is never parsed here.
    private const string WriteSql = $"""
        with updated as (
            update orleans_grain_state
            set payload = $6, version = version + 1, modified_at = now(), due_at = $10, claimed_until = null
            where $7::int is not null and {Key} and version = $7
            returning version
        ), inserted as (
            insert into orleans_grain_state (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_ext, payload, version, due_at)
            select $1, $2, $3, $4, $5, $6, 1, $10
            where $7::int is null
            on conflict do nothing
            returning version
        ), written as (
            select version from updated union all select version from inserted
        ), appended as (
            insert into case_events (application_number, sequence, event_type, county_code, occurred_at, payload, submitted_at)
            select $5, (e ->> 'sequence')::bigint, e ->> 'type', $9, (e ->> 'at')::timestamptz, e, $13
            from written, unnest($8::jsonb[]) e
            on conflict (application_number, sequence, submitted_at) do nothing
        ), notified as (
            insert into notifications (application_number, event_sequence, kind, county_code, text, phone, created_at, webhook_state)
            select $5, (m ->> 'sequence')::bigint, m ->> 'kind', $9, m ->> 'text', $11, (m ->> 'at')::timestamptz,
                   case when $11::text is null then 'none' else 'pending' end
            from written, unnest($12::jsonb[]) m
            on conflict (application_number, event_sequence) do nothing
        )
        select version from written
        """;

    private const string ClearSql = $"""
        update orleans_grain_state set payload = null, due_at = null, version = version + 1, modified_at = now()
        where {Key} and version = $6
        returning version
        """;

    private static readonly JsonGrainStateSerializer Serializer = new();
    private readonly string _serviceId = cluster.Value.ServiceId;

    // Its own pool: these few statements are prepared on each connection once they repeat, and a connection going back
    // to the pool is not reset (nothing here sets session state), which saves a DISCARD ALL per call.
    private readonly NpgsqlDataSource _database = NpgsqlDataSource.Create(
        new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true, MaxAutoPrepare = 16, AutoPrepareMinUsages = 2 }.ConnectionString);

    public void Dispose() => _database.Dispose();

    /// <summary>Drops the idle connections (those an outage broke would fail their next use); busy ones close on return.</summary>
    public void ClearPool() => _database.Clear();

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (RequestContext.Get(StorageNames.KnownNew) is string known && grainId.Key.ToString() == known)
        {
            (grainState.State, grainState.ETag, grainState.RecordExists) = (Activator.CreateInstance<T>(), null, false);
            return;
        }

        try
        {
            await using var command = Command(ReadSql, stateName, grainId);
            await using var reader = await Broken(command.ExecuteReaderAsync());
            if (!await reader.ReadAsync())
            {
                (grainState.State, grainState.ETag, grainState.RecordExists) = (Activator.CreateInstance<T>(), null, false);
                return;
            }

            var version = reader.GetInt32(1).ToString(CultureInfo.InvariantCulture);
            grainState.State = reader.IsDBNull(0) ? Activator.CreateInstance<T>() : Serializer.Deserialize<T>(new BinaryData(reader.GetFieldValue<byte[]>(0)));
            (grainState.ETag, grainState.RecordExists) = (version, !reader.IsDBNull(0));
        }
        catch (NpgsqlException e)
        {
            // A failed load fails the activation and so the caller's call: with an exception every caller can
            // deserialize and knows to retry (the driver's stays in this silo's log).
            LogReadFailed(logger, e, stateName, grainId.ToString());
            throw new CaseStorageException($"Loading {stateName} of {grainId} failed; nothing was applied. Retry the request.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Loading {StateName} of {GrainId} failed")]
    private static partial void LogReadFailed(ILogger logger, Exception exception, string stateName, string grainId);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var command = Command(WriteSql, stateName, grainId);
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = Serializer.Serialize(grainState.State).ToArray() });
        command.Parameters.Add(Version(grainState.ETag));
        var journaled = grainState.State as IJournaledState;
        command.Parameters.Add(new NpgsqlParameter<string[]>
        {
            TypedValue = journaled is { Outbox.IsDefaultOrEmpty: false } ? [.. journaled.Outbox.Select(e => JsonSerializer.Serialize(e, LingHuoJson.Options))] : [],
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb,
        });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)journaled?.CountyCode ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = journaled?.DueAt is { } due ? due.ToUniversalTime() : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)journaled?.MessagePhone ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string[]>
        {
            TypedValue = journaled is { Messages.IsDefaultOrEmpty: false } ? [.. journaled.Messages.Select(m => JsonSerializer.Serialize(m, LingHuoJson.Options))] : [],
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb,
        });
        command.Parameters.Add(new NpgsqlParameter { Value = journaled?.SubmittedAt is { } submitted ? submitted.ToUniversalTime() : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        grainState.ETag = await Written(command, stateName, grainId, grainState.ETag);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (grainState.ETag is null)
        {
            (grainState.State, grainState.RecordExists) = (Activator.CreateInstance<T>(), false);
            return;
        }

        await using var command = Command(ClearSql, stateName, grainId);
        command.Parameters.Add(Version(grainState.ETag));
        grainState.ETag = await Written(command, stateName, grainId, grainState.ETag);
        (grainState.State, grainState.RecordExists) = (Activator.CreateInstance<T>(), false);
    }

    private async Task<string> Written(NpgsqlCommand command, string stateName, GrainId grainId, string? expected) =>
        await Broken(command.ExecuteScalarAsync()) is int version
            ? version.ToString(CultureInfo.InvariantCulture)
            : throw new InconsistentStateException($"The stored {stateName} of {grainId} is not at version {expected ?? "(none)"}: another writer came first.", "unknown", expected ?? "");

    // A connection the server closed (a restart, a failover) fails its next use: this call fails as an outage, and the
    // pool's other idle connections, broken the same way, are dropped rather than failing the calls after it.
    private async Task<TResult> Broken<TResult>(Task<TResult> call)
    {
        try
        {
            return await call;
        }
        catch (NpgsqlException e) when (e.IsTransient || e is PostgresException { SqlState: "57P01" or "57P02" or "57P03" })
        {
            ClearPool();
            throw;
        }
    }

    private NpgsqlCommand Command(string sql, string stateName, GrainId grainId)
    {
        var (n0, n1, extension) = KeyOf(grainId);
        var command = _database.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _serviceId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stateName });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = n0 });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = n1 });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)extension ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        return command;
    }

    private static NpgsqlParameter Version(string? etag) =>
        new() { Value = etag is null ? DBNull.Value : int.Parse(etag, CultureInfo.InvariantCulture), NpgsqlDbType = NpgsqlDbType.Integer };

    /// <summary>
    /// The row key the Orleans ADO.NET provider used before, so that rows it wrote are found. Our grains with state are
    /// string-keyed (application numbers, applicant keys, day keys) or integer-keyed (the calendar); none is Guid-keyed.
    /// </summary>
    private static (long N0, long N1, string? Extension) KeyOf(GrainId grainId) =>
        grainId.TryGetIntegerKey(out var key, out var extension) ? (0, key, extension) : (0, 0, grainId.Key.ToString());
}
