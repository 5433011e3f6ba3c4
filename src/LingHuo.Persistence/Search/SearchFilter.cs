using LingHuo.Domain.Cases;
using LingHuo.Domain.Catalog;

namespace LingHuo.Persistence.Search;

/// <summary>What a supervisor searches by; every criterion optional, the county prefix already narrowed to the caller's area.</summary>
public sealed record SearchFilter(
    ApplicationStatus? Status,
    Matter? Matter,
    Department? Department,
    string? CountyPrefix,
    SlaState? SlaState,
    DateTimeOffset? AcceptedFrom,
    DateTimeOffset? AcceptedBefore,
    int PageSize,
    string? PageToken);
