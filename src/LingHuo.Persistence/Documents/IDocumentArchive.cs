using LingHuo.Domain.Cases;

namespace LingHuo.Persistence.Documents;

/// <summary>Where issued documents are read: PostgreSQL, or nowhere when everything runs in memory.</summary>
public interface IDocumentArchive
{
    Task<IReadOnlyList<StoredDocument>> ListAsync(ApplicationNumber application, CancellationToken cancellationToken);

    Task<StoredDocument?> GetAsync(string number, CancellationToken cancellationToken);

    /// <summary>The document whose PDF has this SHA-256 (lower-case hex).</summary>
    Task<StoredDocument?> FindAsync(string sha256, CancellationToken cancellationToken);

    Task<byte[]?> PdfAsync(string number, CancellationToken cancellationToken);

    /// <summary>Revokes a document once (false when it was revoked before).</summary>
    Task<bool> RevokeAsync(string number, string reason, string by, DateTimeOffset at, CancellationToken cancellationToken);
}
