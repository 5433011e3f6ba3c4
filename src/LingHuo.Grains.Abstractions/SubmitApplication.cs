using LingHuo.Domain.Intake;

namespace LingHuo.Grains.Abstractions;

/// <summary>
/// A new application. <see cref="RefuseIncomplete"/> is the public API's rule (no acceptance with gaps, 容缺): missing
/// materials refuse the submission, with every other reason, instead of opening it with a supplement notice.
/// </summary>
[GenerateSerializer, Immutable, Alias("linghuo.SubmitApplication")]
public sealed record SubmitApplication(
    [property: Id(0)] string RequestId,
    [property: Id(1)] ApplicationRequest Request,
    [property: Id(2)] bool RefuseIncomplete = false);
