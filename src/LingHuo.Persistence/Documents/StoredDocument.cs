using LingHuo.Domain.Cases;
using LingHuo.Domain.Documents;

namespace LingHuo.Persistence.Documents;

/// <summary>An issued document as kept: what it prints, the SHA-256 of its PDF, the key that sealed it and its code.</summary>
public sealed record StoredDocument(
    string Number, ApplicationNumber Application, DocumentKind Kind, DateTimeOffset IssuedAt, PrintedDocument Printed, string Sha256, string KeyId, string Code, DateTimeOffset? RevokedAt);
