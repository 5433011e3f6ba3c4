using System.Security.Claims;
using Grpc.Core;
using LingHuo.Domain;
using LingHuo.Protos;

namespace LingHuo.Gateway.Security;

/// <summary>Who is calling, as a validated token says: role, subject, issuer, and the scope of the role.</summary>
public sealed record Caller(CallerRole Role, string Subject, string Issuer, string? ApplicantKey = null, string? County = null, Department? Department = null, string? Jurisdiction = null)
{
    private const string ItemKey = "linghuo-caller";

    /// <summary>The caller of a call that passed authentication (every service but health and reflection requires it).</summary>
    public static Caller Of(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.GetHttpContext();
        if (http.Items.TryGetValue(ItemKey, out var cached) && cached is Caller caller)
        {
            return caller;
        }

        caller = Read(http.User, out var problem) ?? throw new RpcException(new Status(StatusCode.Unauthenticated, problem));
        http.Items[ItemKey] = caller;
        return caller;
    }

    /// <summary>The caller a validated principal describes, or null with the reason its claims do not make one.</summary>
    public static Caller? Read(ClaimsPrincipal? principal, out string problem)
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
            case CallerRole.Clerk when Claim(principal, CallerTokens.CountyClaim) is { Length: 6 } county && IsDivision(county):
                return new Caller(parsed, subject, issuer, County: county);
            case CallerRole.Clerk:
                return Fail(out problem, "A clerk token must carry the county (a 6-digit Yunnan division code) / 窗口人员令牌须含县级区划代码");
            case CallerRole.Department
                when Enum.TryParse<Department>(Claim(principal, CallerTokens.DepartmentClaim), ignoreCase: true, out var department)
                     && Enum.IsDefined(department) && !int.TryParse(Claim(principal, CallerTokens.DepartmentClaim), out _)
                     && Claim(principal, CallerTokens.JurisdictionClaim) is { Length: >= 2 and <= 6 } jurisdiction && IsDivision(jurisdiction):
                return new Caller(parsed, subject, issuer, Department: department, Jurisdiction: jurisdiction);
            case CallerRole.Department:
                return Fail(out problem, "A department token must carry the department and its jurisdiction (a division-code prefix such as 5301) / 部门令牌须含部门及辖区");
            default:
                return new Caller(parsed, subject, issuer);
        }
    }

    /// <summary>Whether an application (its number begins with its county code) lies in this caller's area.</summary>
    public bool Covers(string applicationNumber) => Role switch
    {
        CallerRole.Clerk => applicationNumber.StartsWith(County!, StringComparison.Ordinal),
        CallerRole.Department => applicationNumber.StartsWith(Jurisdiction!, StringComparison.Ordinal),
        _ => false,
    };

    private static Caller? Fail(out string problem, string text)
    {
        problem = text;
        return null;
    }

    private static bool IsDivision(string code) => code.StartsWith("53", StringComparison.Ordinal) && code.All(char.IsAsciiDigit);

    private static string? Claim(ClaimsPrincipal? principal, string type) => principal?.FindFirst(type)?.Value;
}
