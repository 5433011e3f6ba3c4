using LingHuo.Domain.Cases;

namespace LingHuo.Persistence.Documents;

/// <summary>When everything runs in memory no document is issued, and each read says it needs PostgreSQL.</summary>
public sealed class NoDocumentsInMemory : IDocumentArchive
{
    public Task<IReadOnlyList<StoredDocument>> ListAsync(ApplicationNumber application, CancellationToken cancellationToken) => throw Unavailable();

    public Task<StoredDocument?> GetAsync(string number, CancellationToken cancellationToken) => throw Unavailable();

    public Task<StoredDocument?> FindAsync(string sha256, CancellationToken cancellationToken) => throw Unavailable();

    public Task<byte[]?> PdfAsync(string number, CancellationToken cancellationToken) => throw Unavailable();

    public Task<bool> RevokeAsync(string number, string reason, string by, DateTimeOffset at, CancellationToken cancellationToken) => throw Unavailable();

    private static StorageUnavailableException Unavailable() => new("Documents need PostgreSQL storage / 文书需要 PostgreSQL 存储");
}
