using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text.Json;
using LingHuo.Runtime;

namespace LingHuo.Grains;

/// <summary>The bounded memory of applied request ids that makes retries idempotent.</summary>
public static class AppliedRequests
{
    /// <summary>
    /// A digest of a command's content in its stored JSON shape (stable across processes and versions that keep that
    /// shape): a request id reused for a different body is told apart from a retry.
    /// </summary>
    public static string Fingerprint<T>(T command) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(command, LingHuoJson.Options)), 0, 16);

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
