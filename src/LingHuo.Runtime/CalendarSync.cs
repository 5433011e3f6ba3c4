using LingHuo.Domain.Calendar;
using LingHuo.Grains.Abstractions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LingHuo.Runtime;

/// <summary>
/// Keeps this silo's <see cref="CalendarHolder"/> in step with the schedules operators loaded: at start, then every
/// minute. A schedule that no longer parses is logged and skipped, never half-applied.
/// </summary>
public sealed partial class CalendarSync(IGrainFactory grains, CalendarHolder calendar, IHostApplicationLifetime lifetime, ILogger<CalendarSync> logger) : RepeatingService
{
    private long _seen;

    protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

    // The calendar grain can be called once the silo serves.
    protected override async Task StartingAsync(CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(cancellationToken);
        }
    }

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var loaded = await grains.GetGrain<ICalendarGrain>(0).Get();
        if (loaded.Version == _seen)
        {
            return;
        }

        foreach (var json in loaded.Schedules)
        {
            var parsed = HolidaySchedule.ParseJson(json);
            if (!parsed.IsOk)
            {
                LogScheduleInvalid(logger, parsed.Refusals[0].MessageEn);
            }

            foreach (var schedule in parsed.IsOk ? parsed.Value! : [])
            {
                calendar.Load(schedule);
            }
        }

        _seen = loaded.Version;
    }

    protected override void LogFailed(Exception exception) => LogSyncFailed(logger, exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the loaded holiday schedules; retrying in a minute")]
    private static partial void LogSyncFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A stored holiday schedule is invalid and was skipped: {Reason}")]
    private static partial void LogScheduleInvalid(ILogger logger, string reason);
}
