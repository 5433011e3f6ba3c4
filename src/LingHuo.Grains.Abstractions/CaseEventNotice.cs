using System.Collections.Immutable;
using LingHuo.Domain.Cases;
using LingHuo.Domain.Catalog;

namespace LingHuo.Grains.Abstractions;

/// <summary>
/// What the notice stream says of one durable change: which application, its last event, and the departments whose
/// work feeds it concerns (a withdrawal or an SLA alert concerns all three).
/// </summary>
[GenerateSerializer, Immutable, Alias("linghuo.CaseEventNotice")]
public sealed record CaseEventNotice(
    [property: Id(0)] ApplicationNumber ApplicationNumber,
    [property: Id(1)] long Sequence,
    [property: Id(2)] string Type,
    [property: Id(3)] string CountyCode,
    [property: Id(4)] ImmutableArray<Department> Departments);
