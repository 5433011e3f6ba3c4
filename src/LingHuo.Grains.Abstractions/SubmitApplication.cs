using LingHuo.Domain.Cases;
using LingHuo.Domain.Intake;

namespace LingHuo.Grains.Abstractions;

/// <summary>A new application, received (收件) unless the pre-check refuses it outright; who submits it decides what follows.</summary>
[GenerateSerializer, Immutable, Alias("linghuo.SubmitApplication")]
public sealed record SubmitApplication(
    [property: Id(0)] string RequestId,
    [property: Id(1)] ApplicationRequest Request,
    [property: Id(3)] Actor? Actor = null);
