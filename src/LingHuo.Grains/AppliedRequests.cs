using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text.Json;
using LingHuo.Domain.Cases;
using LingHuo.Grains.Abstractions;
using LingHuo.Runtime;

namespace LingHuo.Grains;

/// <summary>
/// A command that changed a grain: its request id, what it was, the version it produced, what it created (the
/// application number of a submission), if anything, and a fingerprint of its content (none for requests remembered
/// before fingerprints were kept).
/// </summary>
public sealed record AppliedRequest(string Id, string Command, long Version, ApplicationNumber? Created = null, string? Fingerprint = null)
{
    /// <summary>Whether a command with this request id is a retry of this one: the same command with the same content.</summary>
    public bool IsRetryOf(string command, string fingerprint) =>
        string.Equals(Command, command, StringComparison.Ordinal) && (Fingerprint is null || string.Equals(Fingerprint, fingerprint, StringComparison.Ordinal));
}

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
