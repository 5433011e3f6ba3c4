using LingHuo.Grains.Abstractions;
using Microsoft.Extensions.Logging;

namespace LingHuo.Grains;

/// <summary>
/// Reserves numbers in durable blocks, so most calls need no write. Numbers reserved by an activation that ends unused
/// are skipped (gaps are allowed, repeats never): a second activation anywhere in the cluster could only write with a
/// stale version, which storage refuses.
/// </summary>
public sealed class NumberingGrain(
    [PersistentState(StorageNames.NumberingState, StorageNames.Cases)] IPersistentState<NumberingGrainState> state,
    ILogger<NumberingGrain> logger)
    : Grain, INumberingGrain
{
    private const int BlockSize = 64;
    private long _next;

    public async Task<long> Next()
    {
        if (_next == 0 || _next > state.State.Reserved)
        {
            var start = state.State.Reserved + 1;
            var previous = state.State;
            state.State = new NumberingGrainState { Reserved = previous.Reserved + BlockSize };
            await state.WriteOrRestoreAsync(previous, DeactivateOnIdle, logger, "a block of application numbers");

            _next = start;
        }

        return _next++;
    }
}
