using LingHuo.Grains.Abstractions;
using Microsoft.Extensions.Logging;

namespace LingHuo.Grains;

/// <summary>The one way the case grains save: all or nothing, with a retryable error the caller can deserialize.</summary>
internal static partial class StateWrites
{
    /// <summary>
    /// Writes the state. On failure the in-memory state goes back to <paramref name="previous"/>, the activation is let go
    /// (the write may have landed; the next call reloads), and the caller gets a <see cref="CaseStorageException"/>; the
    /// driver's exception stays in this silo's log.
    /// </summary>
    public static async Task WriteOrRestoreAsync<T>(this IPersistentState<T> state, T previous, Action deactivate, ILogger logger, string what)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception e)
        {
            state.State = previous;
            deactivate();

            // A refusal of the data is no outage, and its driver message may quote the data (personal data): only its
            // SQLSTATE is logged.
            if (CaseDataRefusedException.RefusedDataState(e) is { } sqlState)
            {
                LogDataRefused(logger, what, sqlState);
                throw new CaseDataRefusedException($"The store refused the data of {what} (SQLSTATE {sqlState}); nothing was applied.");
            }

            LogWriteFailed(logger, e, what);
            throw new CaseStorageException($"Saving {what} failed; nothing was applied. Retry the request.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Saving {What} failed; the change was discarded")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string what);

    [LoggerMessage(Level = LogLevel.Error, Message = "Saving {What} failed: the store refused the data (SQLSTATE {SqlState}); the change was discarded")]
    private static partial void LogDataRefused(ILogger logger, string what, string sqlState);
}
