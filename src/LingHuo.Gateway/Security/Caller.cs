using System.Security.Claims;
using Grpc.Core;
using LingHuo.Contracts;
using LingHuo.Domain;
using LingHuo.Domain.Cases;
using LingHuo.Domain.Catalog;
using LingHuo.Domain.Divisions;

namespace LingHuo.Gateway.Security;

/// <summary>Who is calling, as a validated token says: role, subject, issuer, and the scope of the role.</summary>
public sealed record Caller(CallerRole Role, string Subject, string Issuer, string? ApplicantKey = null, DivisionCode? County = null, Department? Department = null, DivisionCode? Jurisdiction = null)
{
    private const string ItemKey = "linghuo-caller";

    /// <summary>The caller of a call that passed authentication (every service but health and reflection requires it).</summary>
    public static Caller Of(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GetHttpContext().Items.TryGetValue(ItemKey, out var known) && known is Caller caller
            ? caller
            : throw new RpcException(new Status(StatusCode.Unauthenticated, "The call carries no validated caller / 调用未经认证"));
    }

    /// <summary>Remembers the caller a validated token describes, for <see cref="Of"/>.</summary>
    public static void Remember(Microsoft.AspNetCore.Http.HttpContext http, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Items[ItemKey] = caller;
    }

    /// <summary>
    /// The caller a validated principal describes, or null with the reason its claims do not make one. Counties and
    /// jurisdictions lie within <paramref name="province"/>.
    /// </summary>
    public static Caller? Read(ClaimsPrincipal? principal, DivisionCode province, out string problem)
    {
        problem = "";
        var role = Claim(principal, CallerTokens.RoleClaim);
        var subject = Claim(principal, "sub");
        var issuer = principal?.FindFirst("sub")?.Issuer ?? "";
        if (!Enum.TryParse<CallerRole>(role, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(role, out _))
        {
            return Fail(out problem, "The token names no known role (applicant, clerk, department, operator) / 令牌未注明有效角色");
        }

        if (string.IsNullOrWhiteSpace(subject) || TextField.Subject.Check(subject, "sub") is not null)
        {
            return Fail(out problem, $"The token names no subject (sub) of at most {TextField.Subject.MaxLength} printable characters / 令牌未注明主体（sub），或主体过长、含不可用字符");
        }

        switch (parsed)
        {
            case CallerRole.Applicant when Claim(principal, CallerTokens.ApplicantClaim) is { Length: 64 } key && key.All(char.IsAsciiHexDigitLower):
                return new Caller(parsed, subject, issuer, ApplicantKey: key);
            case CallerRole.Applicant:
                return Fail(out problem, "An applicant token must carry the applicant key (64 lower-case hex characters) / 申请人令牌须含申请人标识");
            case CallerRole.Clerk when Claim(principal, CallerTokens.CountyClaim) is { Length: DivisionCode.CountyLength } text && Within(text, province) is { } county:
                return new Caller(parsed, subject, issuer, County: county);
            case CallerRole.Clerk:
                return Fail(out problem, $"A clerk token must carry the county (a 6-digit division code of province {province}) / 窗口人员令牌须含本省县级区划代码");
            case CallerRole.Department
                when Enum.TryParse<Department>(Claim(principal, CallerTokens.DepartmentClaim), ignoreCase: true, out var department)
                     && Enum.IsDefined(department) && !int.TryParse(Claim(principal, CallerTokens.DepartmentClaim), out _)
                     && Within(Claim(principal, CallerTokens.JurisdictionClaim), province) is { } jurisdiction:
                return new Caller(parsed, subject, issuer, Department: department, Jurisdiction: jurisdiction);
            case CallerRole.Department:
                return Fail(out problem, "A department token must carry the department and its jurisdiction (a division-code prefix such as 5301) / 部门令牌须含部门及辖区");
            default:
                return new Caller(parsed, subject, issuer);
        }
    }

    /// <summary>The caller as the events it causes name it.</summary>
    public Actor Actor => Role switch
    {
        CallerRole.Applicant => new Actor(ActorKind.Applicant, Subject),
        CallerRole.Clerk => new Actor(ActorKind.Clerk, Subject, County!.Value.Value),
        CallerRole.Department => new Actor(ActorKind.Department, Subject, $"{Department}@{Jurisdiction!.Value.Value}"),
        _ => new Actor(ActorKind.System, Subject),
    };

    /// <summary>Whether an application (filed at a county) lies in this caller's area.</summary>
    public bool Covers(ApplicationNumber number) => Role switch
    {
        CallerRole.Clerk => County!.Value.Covers(number),
        CallerRole.Department => Jurisdiction!.Value.Covers(number),
        _ => false,
    };

    private static Caller? Fail(out string problem, string text)
    {
        problem = text;
        return null;
    }

    private static DivisionCode? Within(string? text, DivisionCode province) =>
        DivisionCode.TryParse(text, out var code) && province.Covers(code) ? code : null;

    private static string? Claim(ClaimsPrincipal? principal, string type) => principal?.FindFirst(type)?.Value;
}
