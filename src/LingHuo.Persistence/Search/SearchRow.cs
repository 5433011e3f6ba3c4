using LingHuo.Domain.Cases;
using LingHuo.Domain.Catalog;
using LingHuo.Domain.Intake;

namespace LingHuo.Persistence.Search;

/// <summary>One application as the search model holds it.</summary>
public sealed record SearchRow(
    ApplicationNumber Number,
    ApplicationStatus Status,
    ApplicationOutcome? Outcome,
    string CountyCode,
    Channel Channel,
    string? ApplicantMasked,
    IReadOnlyDictionary<Matter, MatterStatus> Matters,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? AcceptedAt,
    DateTimeOffset? CommittedAt,
    DateTimeOffset? StatutoryAt,
    SlaState? SlaState,
    long Version);
