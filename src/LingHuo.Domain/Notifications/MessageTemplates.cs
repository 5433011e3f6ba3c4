using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using LingHuo.Domain.Cases;

namespace LingHuo.Domain.Notifications;

/// <summary>
/// The zh-CN text of each kind of message, with <c>{variable}</c> placeholders from <see cref="Messages.Variables"/>.
/// A province may word its own (<see cref="With"/>); a template that names a variable its kind does not have, or omits
/// the application number, is refused before any message is written with it.
/// </summary>
public sealed partial class MessageTemplates
{
    private const string Sign = "【云南政务服务】";

    private readonly ImmutableDictionary<MessageKind, string> _templates;

    private MessageTemplates(ImmutableDictionary<MessageKind, string> templates) => _templates = templates;

    public static MessageTemplates Default { get; } = new(new Dictionary<MessageKind, string>
    {
        [MessageKind.Received] = Sign + "您的灵活就业参保“一件事”申请已于{date}收到，申请编号{number}。可凭申请编号和姓名查询办理进度。",
        [MessageKind.Accepted] = Sign + "您的申请{number}已于{date}受理，承诺于{committed}前办结，法定期限为{statutory}。",
        [MessageKind.SupplementRequested] = Sign + "您的申请{number}需补正{count}项材料，请于{due}24时前一次性补正，详见补正告知书。",
        [MessageKind.SupplementDueTomorrow] = Sign + "提醒：您的申请{number}补正期限将于{due}24时届满，逾期未补正将终止办理。",
        [MessageKind.Refused] = Sign + "您的申请{number}经审查于{date}决定不予受理，理由和救济途径见不予受理决定书。",
        [MessageKind.Closed] = Sign + "您的申请{number}：{outcome}。",
        [MessageKind.Dispatched] = Sign + "您的申请{number}的办理结果已交{carrier}寄出，运单号{waybill}。",
        [MessageKind.RatingInvited] = Sign + "您的申请{number}已办结，欢迎对本次服务作出评价（好差评）。",
        [MessageKind.RectificationAnswered] = Sign + "您对申请{number}的评价已有整改答复，可在办事记录中查看。",
    }.ToImmutableDictionary());

    /// <summary>These templates with a province's own wording for some kinds; every problem is listed at once.</summary>
    public static Result<MessageTemplates> With(IReadOnlyDictionary<MessageKind, string> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var refusals = ImmutableArray.CreateBuilder<Refusal>();
        foreach (var (kind, template) in overrides)
        {
            var field = $"templates.{kind}";
            if (!Messages.Variables.TryGetValue(kind, out var known))
            {
                refusals.Add(Refusals.InvalidValue(field, "短信模板", "message template", "已知的消息类型", "a known kind of message"));
                continue;
            }

            var named = Placeholder().Matches(template ?? "").Select(m => m.Groups[1].Value).ToHashSet();
            foreach (var unknown in named.Except(known).Order(StringComparer.Ordinal))
            {
                refusals.Add(Refusals.InvalidValue(field, "短信模板", "message template",
                    $"只使用本类消息的变量（{string.Join("、", known)}），不含 {{{unknown}}}", $"using only this kind's variables ({string.Join(", ", known)}), not {{{unknown}}}"));
            }

            if (!named.Contains("number"))
            {
                refusals.Add(Refusals.InvalidValue(field, "短信模板", "message template", "包含申请编号 {number}", "naming the application number, {number}"));
            }
        }

        return refusals.Count > 0
            ? Result<MessageTemplates>.Refused(refusals.DrainToImmutable())
            : new MessageTemplates(Default._templates.SetItems(overrides));
    }

    /// <summary>The message an event calls for, written out; null when the applicant is not told of it.</summary>
    public Notification? For(CaseEvent caseEvent, ApplicationNumber number)
    {
        ArgumentNullException.ThrowIfNull(caseEvent);
        return Messages.For(caseEvent, number) is { } message
            ? new Notification(caseEvent.Sequence, caseEvent.At, message.Kind, Render(message.Kind, message.Values))
            : null;
    }

    /// <summary>A template with its values; a placeholder without a value is a defect in <see cref="Messages.For"/>, and throws.</summary>
    public string Render(MessageKind kind, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var text = new StringBuilder();
        var template = _templates[kind];
        var last = 0;
        foreach (Match match in Placeholder().Matches(template))
        {
            text.Append(template, last, match.Index - last);
            text.Append(values.TryGetValue(match.Groups[1].Value, out var value)
                ? value
                : throw new InvalidOperationException($"The {kind} message has no value for {{{match.Groups[1].Value}}}."));
            last = match.Index + match.Length;
        }

        return text.Append(template, last, template.Length - last).ToString();
    }

    [GeneratedRegex(@"\{([a-z_]+)\}")]
    private static partial Regex Placeholder();
}
