using System.Reflection;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace LingHuo.Persistence;

/// <summary>
/// Applies the numbered SQL files of deploy/sql (carried in this assembly) in order, each in its own transaction, under
/// an advisory lock so that silos starting together migrate once. Idempotent; refuses a file changed after it ran.
/// </summary>
public sealed partial class Migrator(NpgsqlDataSource database, ILogger<Migrator> logger)
{
    // Any fixed number: the lock that serializes migrations across processes.
    private const long LockKey = 0x4C696E6748756F;

    public static IReadOnlyList<Migration> All { get; } = Load();

    /// <summary>Migrates another database (the membership database, when it is separate) the same way.</summary>
    public static async Task<int> MigrateAsync(string connectionString, ILogger<Migrator> logger, CancellationToken cancellationToken = default)
    {
        await using var database = NpgsqlDataSource.Create(connectionString);
        return await new Migrator(database, logger).MigrateAsync(cancellationToken);
    }

    /// <summary>Applies every migration not applied yet, up to and including version <paramref name="through"/>.</summary>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken = default, int through = int.MaxValue)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await Execute(connection, "select pg_advisory_lock(@key)", cancellationToken, ("key", LockKey));
        try
        {
            await Execute(connection, """
                create table if not exists schema_migrations (
                    version    int primary key,
                    name       text not null,
                    checksum   text not null,
                    applied_at timestamptz not null default now()
                )
                """, cancellationToken);

            var applied = new Dictionary<int, string>();
            await using (var read = new NpgsqlCommand("select version, checksum from schema_migrations", connection))
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied[reader.GetInt32(0)] = reader.GetString(1);
                }
            }

            var count = 0;
            foreach (var migration in All.Where(m => m.Version <= through))
            {
                if (applied.TryGetValue(migration.Version, out var checksum))
                {
                    if (checksum != migration.Checksum)
                    {
                        throw new InvalidOperationException($"Migration {migration.Name} changed after it was applied; add a new migration instead.");
                    }

                    continue;
                }

                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await Execute(connection, migration.Sql, cancellationToken);
                await Execute(connection, "insert into schema_migrations (version, name, checksum) values (@version, @name, @checksum)", cancellationToken,
                    ("version", migration.Version), ("name", migration.Name), ("checksum", migration.Checksum));
                await transaction.CommitAsync(cancellationToken);
                LogApplied(logger, migration.Name);
                count++;
            }

            return count;
        }
        finally
        {
            await Execute(connection, "select pg_advisory_unlock(@key)", CancellationToken.None, ("key", LockKey));
        }
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<Migration> Load()
    {
        var assembly = typeof(Migrator).Assembly;
        return
        [
            .. assembly.GetManifestResourceNames()
                .Where(n => n.StartsWith("migrations/", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
                .Select(n => Migration.From(n["migrations/".Length..], Read(assembly, n)))
                .OrderBy(m => m.Version),
        ];
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Name}")]
    private static partial void LogApplied(ILogger logger, string name);
}
