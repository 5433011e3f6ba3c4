namespace LingHuo.Contracts;

/// <summary>The four kinds of caller the gateway knows.</summary>
public enum CallerRole
{
    /// <summary>A real-name-verified person, vouched for by a portal; the token carries the applicant key.</summary>
    Applicant = 1,

    /// <summary>A window clerk (or supervisor) at one county office.</summary>
    Clerk = 2,

    /// <summary>A departmental system: one department kind, one jurisdiction (a division-code prefix).</summary>
    Department = 3,

    /// <summary>Platform operators: search, SLA overview, calendar, audit; never matters.</summary>
    Operator = 4,
}
