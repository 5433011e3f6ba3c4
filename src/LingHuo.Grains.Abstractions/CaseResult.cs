using System.Collections.Immutable;
using LingHuo.Domain;
using LingHuo.Domain.Cases;

namespace LingHuo.Grains.Abstractions;

/// <summary>
/// A command's outcome: the application as it stands after it, or every reason it was refused (and nothing changed).
/// <see cref="Replayed"/> tells a retry of an already-applied request id.
/// </summary>
[GenerateSerializer, Immutable, Alias("linghuo.CaseResult")]
public sealed record CaseResult(
    [property: Id(0)] ImmutableArray<Refusal> Refusals,
    [property: Id(1)] Application? Application,
    [property: Id(2)] bool Replayed = false)
{
    public bool IsOk => Refusals.IsDefaultOrEmpty;

    public static CaseResult Ok(Application application, bool replayed = false) => new([], application, replayed);

    public static CaseResult Refused(ImmutableArray<Refusal> refusals) => new(refusals, null);

    public static CaseResult Refused(Refusal refusal) => new([refusal], null);
}
