namespace LingHuo.Grains;

public sealed record NumberingGrainState
{
    /// <summary>Every number up to this one has been handed out or reserved by an earlier activation.</summary>
    public long Reserved { get; init; }
}
