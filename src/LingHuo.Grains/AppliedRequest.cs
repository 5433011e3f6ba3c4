using LingHuo.Domain.Cases;

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
