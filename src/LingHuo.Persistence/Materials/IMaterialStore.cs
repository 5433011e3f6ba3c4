namespace LingHuo.Persistence.Materials;

/// <summary>
/// Where uploaded files live, by content (SHA-256, lower-case hex). Storing the same bytes twice is one file. In
/// PostgreSQL by default; an S3-compatible object store can take its place (docs/operations.md).
/// </summary>
public interface IMaterialStore
{
    /// <summary>Stores the file, durably, before the application that names it is written; answers its SHA-256.</summary>
    Task<string> PutAsync(ReadOnlyMemory<byte> content, string mediaType, CancellationToken cancellationToken);

    /// <summary>The file's bytes, or null when no file has that hash.</summary>
    Task<byte[]?> GetAsync(string sha256, CancellationToken cancellationToken);
}
