using LingHuo.Domain.Calendar;
using LingHuo.Domain.Cases;

namespace LingHuo.Persistence.Search;

/// <summary>An open rectification ticket as the search model holds it.</summary>
public sealed record RectificationRow(ApplicationNumber Number, string CountyCode, RatingLevel? Level, DateTimeOffset OpenedAt, DateOnly DueDay)
{
    public Deadline Due => new(DueDay, IsProvisional: false);
}
