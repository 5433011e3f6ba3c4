using System.Globalization;
using LingHuo.Domain.Intake;
using P = LingHuo.Protos.V1;

namespace LingHuo.Console;

/// <summary>How the console writes the contract's values for people (Chinese first).</summary>
public static class Texts
{
    public static string Status(P.ApplicationStatus status) => status switch
    {
        P.ApplicationStatus.PreCheck => "待预审",
        P.ApplicationStatus.SupplementRequired => "待补正",
        P.ApplicationStatus.Accepted => "已受理",
        P.ApplicationStatus.Closed => "已办结",
        _ => "—",
    };

    public static string Matter(P.Matter matter) => LingHuo.Domain.Catalog.Matters.Info((LingHuo.Domain.Catalog.Matter)(int)matter).NameZh;

    public static string Cycle(P.PaymentCycle cycle) => cycle switch
    {
        P.PaymentCycle.Monthly => "按月",
        P.PaymentCycle.Quarterly => "按季",
        P.PaymentCycle.HalfYearly => "按半年",
        P.PaymentCycle.Yearly => "按年",
        _ => "—",
    };

    public static string Verdict(P.PrecheckVerdict verdict) => verdict switch
    {
        P.PrecheckVerdict.Pass => "材料齐全，可以受理",
        P.PrecheckVerdict.SupplementRequired => "可以收件，需一次性告知补正",
        P.PrecheckVerdict.NotAccepted => "暂不能收件：请先更正下列问题",
        _ => "—",
    };

    public static string Sla(P.SlaState state) => state switch
    {
        P.SlaState.OnTime => "按时",
        P.SlaState.DueSoon => "临期",
        P.SlaState.Breached => "超期",
        P.SlaState.Paused => "中止",
        _ => "—",
    };

    public static string Department(P.Department department) => LingHuo.Domain.Catalog.Matters.DepartmentNameZh((LingHuo.Domain.Catalog.Department)(int)department);

    public static string Rating(P.RatingLevel level) => level switch
    {
        P.RatingLevel.VerySatisfied => "非常满意",
        P.RatingLevel.Satisfied => "满意",
        P.RatingLevel.BasicallySatisfied => "基本满意",
        P.RatingLevel.Dissatisfied => "不满意",
        P.RatingLevel.VeryDissatisfied => "非常不满意",
        _ => "—",
    };

    public static string Document(P.DocumentKind kind) => kind switch
    {
        P.DocumentKind.AcceptanceNotice => "受理通知书",
        P.DocumentKind.RefusalDecision => "不予受理决定书",
        P.DocumentKind.SupplementNotice => "补正告知书",
        P.DocumentKind.ParticipationCertificate => "参保证明",
        _ => "文书",
    };

    public static string Material(P.Material material) => MaterialRules.Name((Material)(int)material).Zh;

    public static string Source(P.MaterialSource source) => source switch
    {
        P.MaterialSource.Upload => "上传",
        P.MaterialSource.DataSharing => "数据共享",
        P.MaterialSource.PaperOriginal => "纸质原件",
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
