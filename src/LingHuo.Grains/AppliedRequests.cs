using System.Collections.Immutable;

namespace LingHuo.Grains;

/// <summary>
/// A command that changed a grain: its request id, what it was, the version it produced, and what it created (the
/// application number of a submission), if anything.
/// </summary>
public sealed record AppliedRequest(string Id, string Command, long Version, string? Created = null);

/// <summary>The bounded memory of applied request ids that makes retries idempotent.</summary>
public static class AppliedRequests
{
    public static AppliedRequest? Find(this ImmutableArray<AppliedRequest> requests, string id)
    {
        foreach (var request in requests)
        {
            if (string.Equals(request.Id, id, StringComparison.Ordinal))
            {
                return request;
            }
        }

        return null;
    }

    /// <summary>Remembers one more, forgetting the oldest beyond <paramref name="capacity"/>.</summary>
    public static ImmutableArray<AppliedRequest> Remember(this ImmutableArray<AppliedRequest> requests, AppliedRequest request, int capacity)
    {
        var all = requests.IsDefault ? [request] : requests.Add(request);
        return all.Length > capacity ? all.RemoveRange(0, all.Length - capacity) : all;
    }
}
