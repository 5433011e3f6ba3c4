using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using LingHuo.Contracts;
using LingHuo.Domain.Cases;
using LingHuo.Domain.Divisions;
using LingHuo.Grains.Abstractions;
using LingHuo.Runtime;
using Microsoft.Extensions.Options;

namespace LingHuo.Gateway.Security;

/// <summary>
/// The authorization matrix, enforced by every RPC (README, "Who may call what"). Each check fails with
/// PERMISSION_DENIED and an ErrorInfo reason before anything is read or changed. Pure checks of the caller's token and
/// the target; what is disclosed is <see cref="Disclosures"/>' concern.
/// </summary>
public sealed class Access(IOptions<CaseOptions> options)
{
    private readonly DivisionCode _province = options.Value.Policy.Province;

    public Caller Require(ServerCallContext context, params CallerRole[] roles)
    {
        var caller = Caller.Of(context);
        return roles.Contains(caller.Role)
            ? caller
            : throw Denied("ROLE_NOT_ALLOWED", $"A caller in the role {caller.Role} may not call {context.Method}", $"{Chinese(caller.Role)}无权调用此接口");
    }

    /// <summary>A clerk or department acts only on applications of its county or jurisdiction (the number's prefix).</summary>
    public void RequireArea(Caller caller, ApplicationNumber number)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Role is CallerRole.Clerk or CallerRole.Department && !caller.Covers(number))
        {
            throw Denied("OUTSIDE_JURISDICTION", "The application is outside the caller's county or jurisdiction", "该申请不在调用方的县区或辖区范围内");
        }
    }

    /// <summary>An applicant acts only on applications of their own.</summary>
    public async Task RequireOwner(Caller caller, IApplicationGrain application)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(application);
        if (caller.Role == CallerRole.Applicant && await application.ApplicantKey() != caller.ApplicantKey)
        {
            throw Denied("NOT_OWN_APPLICATION", "The application is not the caller's own", "该申请不属于调用方本人");
        }
    }

    /// <summary>A department acts only as itself.</summary>
    public void RequireDepartment(Caller caller, int department)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Role == CallerRole.Department && (int)caller.Department!.Value != department)
        {
            throw Denied("OTHER_DEPARTMENT", "A department acts only on its own matters", "部门只能办理本部门事项");
        }
    }

    /// <summary>A clerk files and pre-checks only for their own county (an unrecognisable county is left to validation).</summary>
    public void RequireCounty(Caller caller, string? county)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Role == CallerRole.Clerk && DivisionCode.County(county, _province) is { } code && code != caller.County)
        {
            throw Denied("OUTSIDE_JURISDICTION", "A clerk acts only for applicants at their own county", "窗口人员只能为本县区的申请人办理");
        }
    }

    /// <summary>An applicant pre-checks, files and lists only for themselves.</summary>
    public void RequirePerson(Caller caller, string applicantKey)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Role == CallerRole.Applicant && applicantKey != caller.ApplicantKey)
        {
            throw Denied("NOT_OWN_APPLICATION", "An applicant acts only for themselves", "申请人只能为本人办理");
        }
    }

    /// <summary>
    /// Channel follows the caller: an applicant files online only, with uploads or data-sharing claims; a window
    /// submission and a paper original seen at the counter are a clerk's.
    /// </summary>
    public static void RequireChannel(Caller caller, Protos.V1.Channel channel, IEnumerable<Protos.V1.ProvidedMaterial> materials)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Role == CallerRole.Applicant
            && (channel == Protos.V1.Channel.Window || materials.Any(m => m.Source == Protos.V1.MaterialSource.PaperOriginal)))
        {
            throw Denied("CHANNEL_NOT_ALLOWED", "An applicant submits online, by upload or data sharing; the window channel and paper originals are a clerk's",
                "申请人只能在线提交（上传或数据共享）；窗口渠道和纸质原件须由窗口人员办理");
        }
    }

    /// <summary>A department reads only the materials its own matters of the application use.</summary>
    public static void RequireMaterialOfOwnMatters(Caller caller, Application application, Domain.Intake.Material material)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(application);
        if (caller.Role == CallerRole.Department && !application.MaterialsUsedBy(caller.Department!.Value).Contains(material))
        {
            throw Denied("OTHER_DEPARTMENT", "A department reads only the materials its own matters use", "部门只能查阅本部门事项所用的材料");
        }
    }

    public static RpcException Denied(string reason, string english, string chinese) =>
        new Google.Rpc.Status
        {
            Code = (int)Code.PermissionDenied,
            Message = $"{english} / {chinese}",
            Details =
            {
                Any.Pack(new ErrorInfo { Reason = reason, Domain = Errors.Domain }),
                Any.Pack(new LocalizedMessage { Locale = "zh-CN", Message = chinese }),
            },
        }.ToRpcException();

    private static string Chinese(CallerRole role) => role switch
    {
        CallerRole.Applicant => "申请人",
        CallerRole.Clerk => "窗口人员",
        CallerRole.Department => "部门系统",
        _ => "运维人员",
    };
}
