namespace LingHuo.Domain.Cases;

/// <summary>
/// Who caused an event: the token's subject, its role and its area (the clerk's county, the department and its
/// jurisdiction). Shown to staff only: an applicant's subject is the portal's account, which is personal data.
/// </summary>
public sealed record Actor(ActorKind Kind, string Subject, string? Area = null)
{
    public static Actor System { get; } = new(ActorKind.System, "linghuo");
}
