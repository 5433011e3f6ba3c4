using LingHuo.Persistence.EventLog;
using Microsoft.Extensions.Logging;

namespace LingHuo.Persistence.Documents;

/// <summary>Issues documents close behind the log.</summary>
public sealed class DocumentIssuerService(DocumentIssuer issuer, ILogger<DocumentIssuerService> logger) : LogFollower(logger)
{
    protected override string What => "The document issuer";

    protected override int Batch => DocumentIssuer.Batch;

    protected override Task<int> AdvanceAsync(CancellationToken cancellationToken) => issuer.AdvanceAsync(cancellationToken);
}
