using System.Security.Cryptography;
using System.Text.Json;
using LingHuo.Documents;
using LingHuo.Domain.Calendar;
using LingHuo.Domain.Cases;
using LingHuo.Domain.Documents;
using LingHuo.Domain.Identity;
using LingHuo.Grains.Abstractions;
using LingHuo.Runtime;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace LingHuo.Persistence.Documents;

/// <summary>
/// Issues the documents the log calls for (<see cref="Notices.For"/>): one projector at a time (an advisory lock),
/// behind the commit horizon in (tx, id) order like the search projection. Each batch, its documents, their numbers and
/// the new position commit together: a number is used only by a document that exists, so they run without gaps per
/// county and year, and an event issues at most once.
/// </summary>
public sealed class DocumentIssuer(NpgsqlDataSource database, IOptions<ClusterOptions> cluster, IOptions<DocumentSettings> settings, DocumentSeal seal)
{
    public const int Batch = 100;

    private const long LockKey = 0x446F63756D656E;
    private static readonly string[] Issuing = [nameof(ApplicationAccepted), nameof(AcceptanceRefused), nameof(SupplementRequested), nameof(MatterCompleted)];

    private readonly string _serviceId = cluster.Value.ServiceId;
    private readonly DocumentSettings _settings = settings.Value;

    /// <summary>What a document prints, as the digest its seal covers (the verification URL, which carries the code, left out).</summary>
    public static string Digest(PrintedDocument printed)
    {
        ArgumentNullException.ThrowIfNull(printed);
        return Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(printed with { VerificationUrl = "" }, LingHuoJson.Options)));
    }

    /// <summary>Issues what is new; returns how many events it read (0 when caught up or another issuer is busy).</summary>
    public async Task<int> AdvanceAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var locked = new NpgsqlCommand("select pg_try_advisory_xact_lock($1)", connection, transaction))
        {
            locked.Parameters.Add(new NpgsqlParameter { Value = LockKey });
            if (!(bool)(await locked.ExecuteScalarAsync(cancellationToken))!)
            {
                return 0;
            }
        }

        var events = new List<(long Id, string Tx, string Number, string County, string Type, string Payload)>();
        await using (var read = new NpgsqlCommand("""
            select e.id, e.tx::text, e.application_number, e.county_code, e.event_type, e.payload::text
            from case_events e, projections p
            where p.name = 'documents' and (e.tx, e.id) > (p.position_tx, p.position_id)
              and e.tx < pg_snapshot_xmin(pg_current_snapshot())
            order by e.tx, e.id
            limit $1
            """, connection, transaction))
        {
            read.Parameters.Add(new NpgsqlParameter { Value = Batch });
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                events.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5)));
            }
        }

        if (events.Count == 0)
        {
            return 0;
        }

        foreach (var e in events.Where(e => Issuing.Contains(e.Type)))
        {
            await IssueAsync(connection, transaction, e.Number, e.County, LingHuoJson.ReadCaseEvent(e.Type, e.Payload), cancellationToken);
        }

        await using (var move = new NpgsqlCommand("update projections set position_tx = $1::xid8, position_id = $2 where name = 'documents'", connection, transaction))
        {
            move.Parameters.Add(new NpgsqlParameter { Value = events[^1].Tx });
            move.Parameters.Add(new NpgsqlParameter { Value = events[^1].Id });
            await move.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return events.Count;
    }

    private async Task IssueAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string number, string county, CaseEvent caseEvent, CancellationToken cancellationToken)
    {
        if (await StoredAsync(connection, transaction, number, cancellationToken) is not var (application, name, identity))
        {
            return;
        }

        var issuedOn = BeijingTime.DateOf(caseEvent.At);
        var probe = new Notices.Header("", "", issuedOn, "", "", "");
        if (Notices.For(caseEvent, application, probe) is null)
        {
            return;
        }

        await using var next = new NpgsqlCommand("""
            insert into document_numbers (county_code, year, last) values ($1, $2, 1)
            on conflict (county_code, year) do update set last = document_numbers.last + 1
            returning last
            """, connection, transaction);
        next.Parameters.Add(new NpgsqlParameter { Value = county });
        next.Parameters.Add(new NpgsqlParameter { Value = issuedOn.Year });
        var sequence = (long)(await next.ExecuteScalarAsync(cancellationToken))!;
        var documentNumber = DocumentNumbers.Format(county, issuedOn.Year, sequence);

        var header = new Notices.Header(documentNumber, _settings.OfficeOf(county), issuedOn, name ?? "", identity is null ? "" : IdentityMask.Mask(identity), "");
        var unsealed = Notices.For(caseEvent, application, header)!;
        var code = seal.Code(documentNumber, Digest(unsealed));
        var printed = unsealed with { VerificationUrl = $"{_settings.VerifyBaseUrl.TrimEnd('/')}/{documentNumber}?c={code}" };
        var pdf = DocumentPdf.Render(printed);

        await using var insert = new NpgsqlCommand("""
            insert into documents (number, application_number, event_sequence, kind, county_code, issued_at, printed, pdf, sha256, key_id, code)
            values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11)
            on conflict (application_number, event_sequence) do nothing
            """, connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter { Value = documentNumber });
        insert.Parameters.Add(new NpgsqlParameter { Value = number });
        insert.Parameters.Add(new NpgsqlParameter { Value = caseEvent.Sequence });
        insert.Parameters.Add(new NpgsqlParameter { Value = printed.Kind.ToString() });
        insert.Parameters.Add(new NpgsqlParameter { Value = county });
        insert.Parameters.Add(new NpgsqlParameter { Value = caseEvent.At.ToUniversalTime() });
        insert.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(printed, LingHuoJson.Options) });
        insert.Parameters.Add(new NpgsqlParameter { Value = pdf });
        insert.Parameters.Add(new NpgsqlParameter { Value = Convert.ToHexStringLower(SHA256.HashData(pdf)) });
        insert.Parameters.Add(new NpgsqlParameter { Value = seal.CurrentKeyId });
        insert.Parameters.Add(new NpgsqlParameter { Value = code });
        if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw new InvalidOperationException($"Event {caseEvent.Sequence} of {number} issued its document before: the position was behind it.");
        }
    }

    // The application as stored now, with the applicant's name and identity number (for the masked form only).
    private async Task<(Application Application, string? Name, string? Identity)?> StoredAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string number, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            select payload from orleans_grain_state
            where service_id = $1 and grain_type = '{StorageNames.ApplicationState}' and grain_id_n0 = 0 and grain_id_n1 = 0
              and coalesce(grain_id_ext, '') = $2 and payload is not null
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = _serviceId });
        command.Parameters.Add(new NpgsqlParameter { Value = number });
        if (await command.ExecuteScalarAsync(cancellationToken) is not byte[] payload)
        {
            return null;
        }

        var stored = JsonSerializer.Deserialize<StoredApplication>(payload, LingHuoJson.Options)!;
        return stored.Application is { } application ? (application, stored.ApplicantName, stored.IdentityNumber) : null;
    }

    private sealed record StoredApplication(Application? Application, string? ApplicantName, string? IdentityNumber);
}
