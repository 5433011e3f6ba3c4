using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LingHuo.Persistence.Documents;

/// <summary>Issues documents close behind the log: every half second, as long as there is something to read.</summary>
public sealed partial class DocumentIssuerService(DocumentIssuer issuer, ILogger<DocumentIssuerService> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                while (await issuer.AdvanceAsync(stoppingToken) == DocumentIssuer.Batch)
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Documents could not be issued; retrying (nothing is lost: the log is the source)")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
