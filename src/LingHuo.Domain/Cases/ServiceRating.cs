using System.Collections.Immutable;

namespace LingHuo.Domain.Cases;

/// <summary>The applicant's one rating of the service; <see cref="IsDefault"/> when recorded for them after the province's waiting period.</summary>
public sealed record ServiceRating(RatingLevel Level, ImmutableArray<string> Tags, string? Comment, DateTimeOffset At, bool IsDefault = false)
{
    public bool IsBad => Level is RatingLevel.Dissatisfied or RatingLevel.VeryDissatisfied;
}
