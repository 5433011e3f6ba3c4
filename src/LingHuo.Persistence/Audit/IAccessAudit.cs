using LingHuo.Domain.Cases;

namespace LingHuo.Persistence.Audit;

/// <summary>The append-only record of disclosures of protected personal data.</summary>
public interface IAccessAudit
{
    Task RecordAsync(string subject, string issuer, string role, ApplicationNumber applicationNumber, string action, string purpose, CancellationToken cancellationToken);

    /// <summary>Newest first, optionally of one application or one subject; <paramref name="beforeId"/> continues a previous page.</summary>
    Task<IReadOnlyList<AccessRecord>> ListAsync(ApplicationNumber? applicationNumber, string? subject, long? beforeId, int limit, CancellationToken cancellationToken);
}
