namespace LingHuo.Domain.Intake;

/// <summary>
/// An uploaded file as the platform keeps it: its SHA-256 (lower-case hex, the key of its content in the material
/// store), the media type read from its bytes, its size, and when the application received it (set by the transition
/// that took it in, so that a retried command is the same command). The bytes never enter the state.
/// </summary>
public sealed record MaterialFile(string Sha256, string MediaType, long Size, DateTimeOffset UploadedAt = default);
