using System.Collections.Immutable;
using LingHuo.Domain.Catalog;

namespace LingHuo.Domain.Cases;

public sealed record MatterState(
    Matter Matter,
    MatterStatus Status,
    EnumSet<Matter> WaitsFor,
    string? Handler = null,
    MatterResult? Result = null,
    string? Reason = null,
    CancelReason? CancelReason = null)
{
    /// <summary>What the department asked the applicant to supplement, while <see cref="MatterStatus.WaitingForApplicant"/>.</summary>
    public ImmutableArray<SupplementItem> SupplementItems { get; init; } = [];

    public Department Department => Matters.DepartmentOf(Matter);

    public bool IsTerminal => Status is MatterStatus.Completed or MatterStatus.Rejected or MatterStatus.Cancelled;
}
