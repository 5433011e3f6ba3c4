using System.Text.Json;
using LingHuo.Domain.Cases;
using LingHuo.Domain.Documents;
using LingHuo.Runtime;
using Npgsql;

namespace LingHuo.Persistence.Documents;

/// <summary>The issued documents (<c>documents</c>, deploy/sql/0009), read by number, by application or by the PDF's hash.</summary>
public sealed class DocumentArchive(NpgsqlDataSource database) : IDocumentArchive
{
    private const string Columns = "number, application_number, kind, issued_at, printed::text, sha256, key_id, code, revoked_at";

    public Task<IReadOnlyList<StoredDocument>> ListAsync(ApplicationNumber application, CancellationToken cancellationToken) =>
        ReadAsync($"select {Columns} from documents where application_number = $1 order by number", application.Value, cancellationToken);

    public async Task<StoredDocument?> GetAsync(string number, CancellationToken cancellationToken) =>
        (await ReadAsync($"select {Columns} from documents where number = $1", number, cancellationToken)).SingleOrDefault();

    public async Task<StoredDocument?> FindAsync(string sha256, CancellationToken cancellationToken) =>
        (await ReadAsync($"select {Columns} from documents where sha256 = $1 limit 1", sha256, cancellationToken)).SingleOrDefault();

    public async Task<byte[]?> PdfAsync(string number, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("select pdf from documents where number = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = number });
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    public async Task<bool> RevokeAsync(string number, string reason, string by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            "update documents set revoked_at = $2, revoked_reason = $3, revoked_by = $4 where number = $1 and revoked_at is null");
        command.Parameters.Add(new NpgsqlParameter { Value = number });
        command.Parameters.Add(new NpgsqlParameter { Value = at.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = reason });
        command.Parameters.Add(new NpgsqlParameter { Value = by });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private async Task<IReadOnlyList<StoredDocument>> ReadAsync(string sql, string key, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var documents = new List<StoredDocument>();
        while (await reader.ReadAsync(cancellationToken))
        {
            documents.Add(new StoredDocument(
                reader.GetString(0),
                ApplicationNumber.Trusted(reader.GetString(1)),
                Enum.Parse<DocumentKind>(reader.GetString(2)),
                reader.GetFieldValue<DateTimeOffset>(3),
                JsonSerializer.Deserialize<PrintedDocument>(reader.GetString(4), LingHuoJson.Options)!,
                reader.GetString(5),
                reader.GetString(6),
                reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8)));
        }

        return documents;
    }
}
