using System.Globalization;
using LingHuo.Domain.Intake;
using P = LingHuo.Protos.V1;

namespace LingHuo.Console;

/// <summary>
/// How the console writes the contract's values for people: Chinese first, English when the person switched to it (the
/// request's UI culture, from the localization cookie; a circuit keeps the culture of the request that opened it).
/// </summary>
public static class Texts
{
    public static bool English => CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal);

    /// <summary>The page's language for the html element.</summary>
    public static string Lang => English ? "en" : "zh-CN";

    /// <summary>One text in the person's language.</summary>
    public static string L(string zh, string en) => English ? en : zh;

    public static string Status(P.ApplicationStatus status) => status switch
    {
        P.ApplicationStatus.PreCheck => L("待预审", "Awaiting review"),
        P.ApplicationStatus.SupplementRequired => L("待补正", "Awaiting supplement"),
        P.ApplicationStatus.Accepted => L("已受理", "Accepted"),
        P.ApplicationStatus.Closed => L("已办结", "Closed"),
        _ => "—",
    };

    public static string Matter(P.Matter matter)
    {
        var info = LingHuo.Domain.Catalog.Matters.Info((LingHuo.Domain.Catalog.Matter)(int)matter);
        return L(info.NameZh, info.NameEn);
    }

    public static string Cycle(P.PaymentCycle cycle) => cycle switch
    {
        P.PaymentCycle.Monthly => L("按月", "Monthly"),
        P.PaymentCycle.Quarterly => L("按季", "Quarterly"),
        P.PaymentCycle.HalfYearly => L("按半年", "Half-yearly"),
        P.PaymentCycle.Yearly => L("按年", "Yearly"),
        _ => "—",
    };

    public static string Verdict(P.PrecheckVerdict verdict) => verdict switch
    {
        P.PrecheckVerdict.Pass => L("材料齐全，可以受理", "Complete: can be accepted"),
        P.PrecheckVerdict.SupplementRequired => L("可以收件，需一次性告知补正", "Can be received; a supplement notice will list what is missing"),
        P.PrecheckVerdict.NotAccepted => L("暂不能收件：请先更正下列问题", "Cannot be received yet: correct the problems below"),
        _ => "—",
    };

    public static string Sla(P.SlaState state) => state switch
    {
        P.SlaState.OnTime => L("按时", "On time"),
        P.SlaState.DueSoon => L("临期", "Due today"),
        P.SlaState.Breached => L("超期", "Breached"),
        P.SlaState.Paused => L("中止", "Paused"),
        _ => "—",
    };

    public static string Department(P.Department department) => department switch
    {
        P.Department.HumanResourcesSocialSecurity => L("人社", "Human Resources & Social Security"),
        P.Department.MedicalSecurity => L("医保", "Medical Security"),
        P.Department.Tax => L("税务", "Tax"),
        _ => "—",
    };

    public static string Rating(P.RatingLevel level) => level switch
    {
        P.RatingLevel.VerySatisfied => L("非常满意", "Very satisfied"),
        P.RatingLevel.Satisfied => L("满意", "Satisfied"),
        P.RatingLevel.BasicallySatisfied => L("基本满意", "Basically satisfied"),
        P.RatingLevel.Dissatisfied => L("不满意", "Dissatisfied"),
        P.RatingLevel.VeryDissatisfied => L("非常不满意", "Very dissatisfied"),
        _ => "—",
    };

    public static string Document(P.DocumentKind kind) => kind switch
    {
        P.DocumentKind.AcceptanceNotice => L("受理通知书", "Acceptance notice"),
        P.DocumentKind.RefusalDecision => L("不予受理决定书", "Refusal decision"),
        P.DocumentKind.SupplementNotice => L("补正告知书", "Supplement notice"),
        P.DocumentKind.ParticipationCertificate => L("参保证明", "Participation certificate"),
        _ => L("文书", "Document"),
    };

    public static string Material(P.Material material)
    {
        var (zh, en) = MaterialRules.Name((Material)(int)material);
        return L(zh, en);
    }

    public static string Source(P.MaterialSource source) => source switch
    {
        P.MaterialSource.Upload => L("上传", "Upload"),
        P.MaterialSource.DataSharing => L("数据共享", "Data sharing"),
        P.MaterialSource.PaperOriginal => L("纸质原件", "Paper original"),
        _ => "—",
    };

    public static string Date(P.Deadline? deadline) => deadline is null || deadline.Day.Length == 0 ? "—" : $"{deadline.Day} 24:00";

    /// <summary>A deadline as the guide writes it: the end of its day, "24:00", not the next day's midnight.</summary>
    public static string Deadline(Google.Protobuf.WellKnownTypes.Timestamp? at)
    {
        if (at is null)
        {
            return "—";
        }

        var beijing = at.ToDateTimeOffset().ToOffset(TimeSpan.FromHours(8));
        return beijing.TimeOfDay == TimeSpan.Zero ? beijing.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " 24:00" : Time(at);
    }

    public static string Time(Google.Protobuf.WellKnownTypes.Timestamp? at) =>
        at is null ? "—" : at.ToDateTimeOffset().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
