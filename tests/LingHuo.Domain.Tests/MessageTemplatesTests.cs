using System.Collections.Immutable;
using LingHuo.Domain.Calendar;
using LingHuo.Domain.Cases;
using LingHuo.Domain.Catalog;
using LingHuo.Domain.Notifications;

namespace LingHuo.Domain.Tests;

public sealed class MessageTemplatesTests
{
    private static readonly ApplicationNumber Number = ApplicationNumber.Trusted("530102-20260930-000001");
    private static readonly DateTimeOffset At = new(2026, 9, 30, 10, 0, 0, BeijingTime.Offset);
    private static readonly Deadline Due = new(new DateOnly(2026, 10, 13), IsProvisional: false);

    // One event of each kind the applicant is told of, and the kind it makes.
    public static readonly TheoryData<CaseEvent, MessageKind, string> Told = new()
    {
        { new ApplicationSubmitted(1, At, EnumSet<Matter>.Of(Matter.PersonnelFile), Intake.Channel.Online, "530102"), MessageKind.Received, "已于2026年9月30日收到" },
        { new ApplicationAccepted(2, At, new SlaClock(At, Due, Due)), MessageKind.Accepted, "承诺于2026年10月13日前办结" },
        { new SupplementRequested(2, At, [new(Intake.Material.IdPhoto, "照片不清晰"), new(Intake.Material.IdentityDocument, "证件过期")], Due), MessageKind.SupplementRequested, "需补正2项材料，请于2026年10月13日24时前" },
        { new SupplementDueSoon(3, At, Due), MessageKind.SupplementDueTomorrow, "补正期限将于2026年10月13日24时届满" },
        { new AcceptanceRefused(2, At, ["不属于本机关职权范围"], "《行政许可法》第三十二条"), MessageKind.Refused, "不予受理" },
        { new ApplicationClosed(9, At, ApplicationOutcome.SupplementOverdue), MessageKind.Closed, "逾期未补正，已终止办理" },
        { new ResultDispatched(10, At, EnumSet<Matter>.Of(Matter.PersonnelFile), "中国邮政EMS", "EMS1234567890"), MessageKind.Dispatched, "已交中国邮政EMS寄出，运单号EMS1234567890" },
        { new RatingInvited(11, At, null), MessageKind.RatingInvited, "好差评" },
        { new RectificationClosed(12, At), MessageKind.RectificationAnswered, "整改答复" },
    };

    [Theory]
    [MemberData(nameof(Told))]
    public void EachStepTheApplicantMustKnow_HasItsMessage_WithTheNumberAndItsDates(CaseEvent caseEvent, MessageKind kind, string says)
    {
        var message = MessageTemplates.Default.For(caseEvent, Number)!;

        Assert.Equal((kind, caseEvent.Sequence, caseEvent.At), (message.Kind, message.Sequence, message.At));
        Assert.Contains(Number.Value, message.Text, StringComparison.Ordinal);
        Assert.Contains(says, message.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("{", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryKind_HasADefaultTemplate_AndVariables()
    {
        Assert.Equal(Enum.GetValues<MessageKind>().Order(), Messages.Variables.Keys.Order());
        Assert.Equal(Enum.GetValues<MessageKind>().Length, Told.Count);
    }

    [Fact]
    public void WhatTheApplicantNeedNotBeToldOf_MakesNoMessage()
    {
        Assert.Null(MessageTemplates.Default.For(new MatterClaimed(3, At, Matter.PersonnelFile, Department.HumanResourcesSocialSecurity, "clerk"), Number));
        Assert.Null(MessageTemplates.Default.For(new ApplicationClosed(3, At, ApplicationOutcome.NotAccepted), Number)); // the refusal said it
    }

    [Fact]
    public void AProvincesOwnWording_IsUsed()
    {
        var templates = MessageTemplates.With(new Dictionary<MessageKind, string> { [MessageKind.RatingInvited] = "请为{number}打分" }).Value!;

        Assert.Equal("请为530102-20260930-000001打分", templates.For(new RatingInvited(11, At, null), Number)!.Text);
        Assert.StartsWith("【云南政务服务】", templates.For(new RectificationClosed(12, At), Number)!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ATemplate_NamingAVariableItsKindLacks_OrWithoutTheNumber_IsRefused_EveryProblemAtOnce()
    {
        var result = MessageTemplates.With(new Dictionary<MessageKind, string>
        {
            [MessageKind.Accepted] = "{number} 于 {due} 受理，{name}", // Accepted has no due date and no name
            [MessageKind.Closed] = "已办结",
        });

        Assert.False(result.IsOk);
        Assert.Equal(3, result.Refusals.Length);
        Assert.All(result.Refusals, r => Assert.Equal(RefusalCode.InvalidValue, r.Code));
        Assert.Contains(result.Refusals, r => r.Field == "templates.Accepted" && r.MessageEn.Contains("{due}", StringComparison.Ordinal));
        Assert.Contains(result.Refusals, r => r.Field == "templates.Accepted" && r.MessageEn.Contains("{name}", StringComparison.Ordinal));
        Assert.Contains(result.Refusals, r => r.Field == "templates.Closed" && r.MessageZh.Contains("{number}", StringComparison.Ordinal));
    }

    [Fact]
    public void APlaceholderWithoutAValue_IsADefect_NotASilentGap() =>
        Assert.Throws<InvalidOperationException>(() => MessageTemplates.Default.Render(MessageKind.Accepted, ImmutableDictionary<string, string>.Empty.Add("number", "x")));
}
