using LingHuo.Domain.Cases;

namespace LingHuo.Persistence.Audit;

/// <summary>One disclosure of protected personal data: who (subject, issuer, role), of which application, doing what, and why.</summary>
public sealed record AccessRecord(long Id, DateTimeOffset At, string Subject, string Issuer, string Role, ApplicationNumber ApplicationNumber, string Action, string Purpose);
