using LingHuo.Domain.Catalog;

namespace LingHuo.Persistence.Search;

/// <summary>Open applications of one county and department by the state of their committed deadline.</summary>
public sealed record SlaCount(string CountyCode, Department Department, long OnTime, long DueSoon, long Breached, long Paused);
