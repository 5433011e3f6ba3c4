using LingHuo.Domain.Cases;
using LingHuo.Persistence;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace LingHuo.Testing;

/// <summary>
/// A fresh, migrated database for one fixture, on the PostgreSQL that ./test.sh starts. Without it these tests fail
/// rather than skip: in CI a database test that does not run is a failure.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string ServerVariable = "LINGHUO_TEST_POSTGRES";

    private TestDatabase(string name, string connectionString, NpgsqlDataSource dataSource)
    {
        Name = name;
        ConnectionString = connectionString;
        DataSource = dataSource;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{ServerVariable} is not set: run the tests with ./test.sh, which starts PostgreSQL and sets it.");

    /// <summary>A new database, migrated up to and including version <paramref name="migratedThrough"/> (all by default).</summary>
    public static async Task<TestDatabase> CreateAsync(string prefix = "linghuo_test_", int migratedThrough = int.MaxValue)
    {
        var name = prefix + Guid.NewGuid().ToString("N")[..12];
        await using (var server = NpgsqlDataSource.Create(ServerConnectionString))
        await using (var create = server.CreateCommand($"create database {name}"))
        {
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString;
        var dataSource = NpgsqlDataSource.Create(connectionString);
        await new Migrator(dataSource, NullLogger<Migrator>.Instance).MigrateAsync(through: migratedThrough);
        return new TestDatabase(name, connectionString, dataSource);
    }

    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters) =>
        (T)(await ScalarOrNullAsync(sql, parameters))!;

    /// <summary>The first column of the first row, null for none or SQL null.</summary>
    public async Task<object?> ScalarOrNullAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        return await command.ExecuteScalarAsync() is { } value and not DBNull ? value : null;
    }

    /// <summary>The first column of every row.</summary>
    public async Task<List<T>> ListAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<T>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }

    private NpgsqlCommand Command(string sql, (string Name, object Value)[] parameters)
    {
        var command = DataSource.CreateCommand(sql);
        foreach (var (parameterName, value) in parameters)
        {
            command.Parameters.AddWithValue(parameterName, value);
        }

        return command;
    }

    public async Task<List<(long Sequence, string Type)>> EventsAsync(ApplicationNumber applicationNumber)
    {
        await using var command = DataSource.CreateCommand("select sequence, event_type from case_events where application_number = @n order by id");
        command.Parameters.AddWithValue("n", applicationNumber.Value);
        await using var reader = await command.ExecuteReaderAsync();
        var events = new List<(long, string)>();
        while (await reader.ReadAsync())
        {
            events.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        return events;
    }

    /// <summary>The application's stored next deadline (the row the deadline sweep reads); null when it has none.</summary>
    public async Task<DateTimeOffset?> DueAtAsync(ApplicationNumber applicationNumber)
    {
        await using var command = DataSource.CreateCommand("select due_at from orleans_grain_state where grain_type = 'application' and grain_id_ext = @n");
        command.Parameters.AddWithValue("n", applicationNumber.Value);
        return await command.ExecuteScalarAsync() is DateTime due ? new DateTimeOffset(due, TimeSpan.Zero) : null;
    }

    /// <summary>Makes the database refuse every connection, as if it were down, until <see cref="BringUpAsync"/>.</summary>
    public async Task TakeDownAsync()
    {
        await using var server = NpgsqlDataSource.Create(ServerConnectionString);
        await using (var refuse = server.CreateCommand($"alter database {Name} allow_connections false"))
        {
            await refuse.ExecuteNonQueryAsync();
        }

        await using var terminate = server.CreateCommand($"select pg_terminate_backend(pid) from pg_stat_activity where datname = '{Name}'");
        await terminate.ExecuteNonQueryAsync();
        DataSource.Clear();
    }

    public async Task BringUpAsync()
    {
        await using var server = NpgsqlDataSource.Create(ServerConnectionString);
        await using var allow = server.CreateCommand($"alter database {Name} allow_connections true");
        await allow.ExecuteNonQueryAsync();
        DataSource.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var server = NpgsqlDataSource.Create(ServerConnectionString);
        await using var drop = server.CreateCommand($"drop database if exists {Name} with (force)");
        await drop.ExecuteNonQueryAsync();
    }
}
