using System.Collections.Immutable;
using LingHuo.Domain.Calendar;
using LingHuo.Domain.Cases;
using LingHuo.Domain.Catalog;
using LingHuo.Domain.Intake;

namespace LingHuo.Domain.Documents;

/// <summary>
/// The wording of each document, from the application and the event that issues it. Dates are the working-day
/// calendar's, written as Beijing dates.
/// </summary>
public static class Notices
{
    private const string ApplicationName = "灵活就业参保“一件事”";
    private const string ReviewBasis = "《中华人民共和国行政许可法》第三十二条";

    /// <summary>Who the document is about and who issues it, as printed on every kind.</summary>
    public sealed record Header(string Number, string Office, DateOnly IssuedOn, string HolderName, string HolderMasked, string VerificationUrl);

    /// <summary>The document an event issues, or null when it issues none.</summary>
    public static PrintedDocument? For(CaseEvent caseEvent, Application application, Header header)
    {
        ArgumentNullException.ThrowIfNull(caseEvent);
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(header);
        var received = Day(application.ReceivedAt ?? application.SubmittedAt);
        return caseEvent switch
        {
            ApplicationAccepted accepted => Make(DocumentKind.AcceptanceNotice, header, application,
                [
                    $"{header.HolderName}：你于{received}提交的{ApplicationName}申请（申请编号 {application.Number}）"
                        + (accepted.Deemed ? "，本机关未在法定期限内作出决定，依法自收到申请之日起视为受理。" : "材料齐全、符合法定形式，本机关决定予以受理。"),
                    $"承诺办结时限：{Day(accepted.Sla.Committed)}24时前；法定办结时限：{Day(accepted.Sla.Statutory)}24时前（按工作日计算）。",
                    "受理的事项如下：",
                ],
                [.. application.Matters.Select(m => $"{Matters.Info(m.Matter).NameZh}（{Matters.DepartmentNameZh(m.Department)}）")],
                ReviewBasis),
            AcceptanceRefused refused => Make(DocumentKind.RefusalDecision, header, application,
                [
                    $"{header.HolderName}：你于{received}提交的{ApplicationName}申请（申请编号 {application.Number}），经审查，本机关决定不予受理，理由如下：",
                ],
                refused.Reasons.IsDefault ? [] : refused.Reasons,
                refused.LegalBasis + "。如不服本决定，可以自收到本决定书之日起六十日内依法申请行政复议，或者六个月内依法提起行政诉讼。"),
            SupplementRequested requested => Make(DocumentKind.SupplementNotice, header, application,
                [
                    $"{header.HolderName}：你于{received}提交的{ApplicationName}申请（申请编号 {application.Number}），申请材料不齐全或者不符合法定形式。",
                    $"请于{Day(requested.Due)}24时前一次性补正下列全部材料；逾期未补正的，本机关将终止办理。",
                ],
                [.. requested.Items.Select(i => $"{MaterialRules.Name(i.Material).Zh}：{i.Reason}")],
                ReviewBasis + "第一款第（四）项"),
            MatterCompleted { Matter: Matter.ParticipationCertificate } completed => Make(DocumentKind.ParticipationCertificate, header, application,
                [
                    $"兹证明 {header.HolderName}（证件号码 {header.HolderMasked}）已以灵活就业人员身份参加社会保险，截至{Day(completed.At)}参保情况如下：",
                ],
                [.. application.Matters.Where(m => m.Status == MatterStatus.Completed).Select(m => $"{Matters.Info(m.Matter).NameZh}：已办理{(m.Result?.Number is { } n ? "（" + n + "）" : "")}")],
                null),
            _ => null,
        };
    }

    private static PrintedDocument Make(DocumentKind kind, Header h, Application a, ImmutableArray<string> body, ImmutableArray<string> items, string? legalBasis) =>
        new(kind, h.Number, h.Office, h.IssuedOn, h.HolderName, h.HolderMasked, a.Number, body, items, legalBasis, h.VerificationUrl);

    private static string Day(DateTimeOffset at) => BeijingTime.Written(at);

    private static string Day(Deadline deadline) => BeijingTime.Written(deadline.Day);
}
