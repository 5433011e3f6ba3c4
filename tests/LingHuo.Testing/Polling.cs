namespace LingHuo.Testing;

/// <summary>Waiting for something another process or a background loop does: poll with a deadline, never a fixed sleep.</summary>
public static class Polling
{
    public static readonly TimeSpan DefaultPatience = TimeSpan.FromSeconds(30);

    /// <summary>Polls until <paramref name="condition"/> holds, failing after <paramref name="within"/> (30 s) with the last value.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan? within = null, string? what = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + (within ?? DefaultPatience);
        while (true)
        {
            var value = await probe();
            if (condition(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not reached in time: {what ?? "condition"}; last value {value}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }
}
