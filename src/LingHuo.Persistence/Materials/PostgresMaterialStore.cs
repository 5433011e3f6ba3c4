using System.Security.Cryptography;
using Npgsql;

namespace LingHuo.Persistence.Materials;

/// <summary>Uploaded files in <c>material_contents</c> (deploy/sql/0008).</summary>
public sealed class PostgresMaterialStore(NpgsqlDataSource database) : IMaterialStore
{
    public async Task<string> PutAsync(ReadOnlyMemory<byte> content, string mediaType, CancellationToken cancellationToken)
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content.Span));
        await using var command = database.CreateCommand(
            "insert into material_contents (sha256, media_type, size, content) values ($1, $2, $3, $4) on conflict (sha256) do nothing");
        command.Parameters.Add(new NpgsqlParameter { Value = sha256 });
        command.Parameters.Add(new NpgsqlParameter { Value = mediaType });
        command.Parameters.Add(new NpgsqlParameter { Value = content.Length });
        command.Parameters.Add(new NpgsqlParameter { Value = content });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return sha256;
    }

    public async Task<byte[]?> GetAsync(string sha256, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("select content from material_contents where sha256 = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = sha256 });
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }
}
