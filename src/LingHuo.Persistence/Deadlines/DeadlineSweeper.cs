using LingHuo.Domain.Cases;
using LingHuo.Grains.Abstractions;
using LingHuo.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace LingHuo.Persistence.Deadlines;

/// <summary>
/// Wakes the applications whose stored next deadline (due_at) has passed. Runs on every silo: each sweep claims a batch
/// of due rows for <see cref="CaseOptions.DeadlineClaim"/> (rows another silo holds are skipped) and asks each grain to
/// act. The grain's write stores its next deadline and releases the claim; a claim whose silo died runs out and the row
/// is swept again, so nothing depends on which silo is alive or which one owned the grain.
/// </summary>
public sealed partial class DeadlineSweeper(
    NpgsqlDataSource database,
    IGrainFactory grains,
    [FromKeyedServices(ServiceKeys.BusinessClock)] TimeProvider clock,
    IOptions<CaseOptions> options,
    IOptions<ClusterOptions> cluster,
    ILogger<DeadlineSweeper> logger) : BackgroundService, ILifecycleParticipant<ISiloLifecycle>
{
    public const int Batch = 512;

    private readonly CaseOptions _options = options.Value;
    private readonly string _serviceId = cluster.Value.ServiceId;
    private readonly TaskCompletionSource _active = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Grain calls need an active silo: a claim taken before would only wait out its lease.
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(DeadlineSweeper), ServiceLifecycleStage.Active, _ =>
        {
            _active.TrySetResult();
            return Task.CompletedTask;
        });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await _active.Task.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(_options.DeadlineSweepInterval);
        do
        {
            try
            {
                while (await SweepAsync(stoppingToken) == Batch)
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSweepFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Claims what is due now and wakes it; returns how many were claimed.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var due = await ClaimAsync(cancellationToken);
        await Task.WhenAll(due.Select(WakeAsync));
        return due.Count;
    }

    private async Task<List<string>> ClaimAsync(CancellationToken cancellationToken)
    {
        // Due by the business clock; the lease by the database's, the one clock every silo shares.
        await using var command = database.CreateCommand($"""
            update orleans_grain_state s
            set claimed_until = now() + @claim
            from (
                select ctid from orleans_grain_state
                where due_at <= @now and service_id = @service and grain_type = '{StorageNames.ApplicationState}'
                  and (claimed_until is null or claimed_until <= now())
                order by due_at
                limit @batch
                for update skip locked
            ) due
            where s.ctid = due.ctid
            returning s.grain_id_ext
            """);
        command.Parameters.AddWithValue("claim", _options.DeadlineClaim);
        command.Parameters.AddWithValue("now", clock.GetUtcNow().ToUniversalTime());
        command.Parameters.AddWithValue("service", _serviceId);
        command.Parameters.AddWithValue("batch", Batch);
        var numbers = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            numbers.Add(reader.GetString(0));
        }

        return numbers;
    }

    private async Task WakeAsync(string number)
    {
        try
        {
            await grains.Application(ApplicationNumber.Trusted(number)).CheckDeadlines();
        }
        catch (Exception e)
        {
            // The claim runs out and the next sweep tries again.
            LogWakeFailed(logger, e, number);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The deadline sweep failed; retrying")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Application {Number} could not act on its deadline; it is swept again when the claim runs out")]
    private static partial void LogWakeFailed(ILogger logger, Exception exception, string number);
}
