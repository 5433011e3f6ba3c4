namespace LingHuo.Grains.Abstractions;

/// <summary>Hands out one county's daily sequence numbers, keyed <c>530102-20261128</c>; never the same number twice.</summary>
[Alias("linghuo.INumberingGrain")]
public interface INumberingGrain : IGrainWithStringKey
{
    [Alias("Next")]
    Task<long> Next();
}
