using System.Collections.Immutable;

namespace LingHuo.Domain.Cases;

/// <summary>A transition's outcome: the new application and the events that describe the change, in order.</summary>
public sealed record Change(Application Application, ImmutableArray<CaseEvent> Events);
