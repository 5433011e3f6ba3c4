using LingHuo.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace LingHuo.Persistence.Partitions;

/// <summary>
/// Keeps the monthly partitions of case_events and access_audit ahead of the clock (this month and the next three) and,
/// when the province has set a retention, drops the access_audit months past it (never under three years: the database
/// refuses). Runs on every silo at start and every few hours; the database serializes them (see 0012_monthly_partitions.sql).
/// A month missed here is not a lost row: it lands in the default partition.
/// </summary>
public sealed partial class PartitionKeeper(
    NpgsqlDataSource database,
    [FromKeyedServices(ServiceKeys.BusinessClock)] TimeProvider clock,
    PartitionSettings settings,
    ILogger<PartitionKeeper> logger) : RepeatingService
{
    public static readonly TimeSpan KeepInterval = TimeSpan.FromHours(6);

    /// <summary>One round: the months ahead created, the expired audit months dropped. Returns the partitions dropped.</summary>
    public async Task<IReadOnlyList<string>> KeepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using (var ensure = database.CreateCommand("select linghuo_ensure_partitions($1)"))
        {
            ensure.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
            var created = (int)(await ensure.ExecuteScalarAsync(cancellationToken))!;
            if (created > 0)
            {
                LogCreated(logger, created);
            }
        }

        if (settings.AuditRetentionYears is not { } years)
        {
            return [];
        }

        await using var drop = database.CreateCommand("select linghuo_drop_expired_audit($1, make_interval(years => $2))");
        drop.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        drop.Parameters.Add(new NpgsqlParameter<int> { TypedValue = years });
        var dropped = new List<string>();
        await using var reader = await drop.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            dropped.Add(reader.GetString(0));
            LogDropped(logger, reader.GetString(0), years);
        }

        return dropped;
    }

    protected override TimeSpan Interval => KeepInterval;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => KeepAsync(cancellationToken);

    protected override void LogFailed(Exception exception) => LogKeepFailed(logger, exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created {Count} monthly partitions ahead")]
    private static partial void LogCreated(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped {Partition}: access records older than the retention of {Years} years")]
    private static partial void LogDropped(ILogger logger, string partition, int years);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The monthly partitions could not be kept; rows still land in the default partitions; retrying")]
    private static partial void LogKeepFailed(ILogger logger, Exception exception);
}
