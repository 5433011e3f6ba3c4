using System.Globalization;
using LingHuo.Domain.Catalog;
using LingHuo.Domain.Eligibility;
using LingHuo.Domain.Intake;

namespace LingHuo.Domain;

/// <summary>
/// The one place where refusal texts are written, in Chinese and English. No text here may carry an identity number
/// or a birth date.
/// </summary>
public static class Refusals
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static Refusal Required(string field, string nameZh, string nameEn) =>
        new(RefusalCode.Required, field, $"缺少{nameZh}。", $"The {nameEn} is required.");

    /// <summary>A value that is present but not of its form or range; <paramref name="expectedZh"/> says what would do.</summary>
    public static Refusal InvalidValue(string field, string nameZh, string nameEn, string expectedZh, string expectedEn) =>
        new(RefusalCode.InvalidValue, field, $"{nameZh}无效：应为{expectedZh}。", $"The {nameEn} is not valid: it must be {expectedEn}.");

    public static Refusal TooLong(string field, string nameZh, string nameEn, int maxLength, int actual) =>
        new(RefusalCode.TooLong, field,
            string.Create(Invariant, $"{nameZh}过长：最多{maxLength}个字符，实际为{actual}个。"),
            string.Create(Invariant, $"The {nameEn} is too long: at most {maxLength} characters, not {actual}."));

    /// <summary>Names the character by its position and code point only: the text itself may be personal data.</summary>
    public static Refusal InvalidCharacter(string field, string nameZh, string nameEn, int position, int codePoint) =>
        new(RefusalCode.InvalidCharacter, field,
            string.Create(Invariant, $"{nameZh}第{position}个字符（U+{codePoint:X4}）不允许使用（控制字符、不成对的代理项或文字方向控制符）。"),
            string.Create(Invariant, $"Character {position} of the {nameEn} (U+{codePoint:X4}) is not allowed: control characters, unpaired surrogates and bidi controls are refused."));

    public static Refusal DateOutOfRange(string field, DateOnly earliest, DateOnly latest) =>
        new(RefusalCode.DateInvalid, field,
            string.Create(Invariant, $"日期应在{earliest:yyyy-MM-dd}至{latest:yyyy-MM-dd}之间。"),
            string.Create(Invariant, $"The date must lie between {earliest:yyyy-MM-dd} and {latest:yyyy-MM-dd}."));

    public static Refusal IdentityLength(string field, int actual) =>
        new(RefusalCode.IdentityLength, field,
            $"证件号码应为18位（外国人永久居留身份证旧版为15位），实际为{actual}位。",
            $"An identity number has 18 characters (15 for the old foreign permanent resident card), not {actual}.");

    public static Refusal IdentityCharacter(string field, int position, string allowed) =>
        new(RefusalCode.IdentityCharacter, field,
            $"证件号码第{position}位字符无效，应为{allowed}。",
            $"Character {position} of the identity number is invalid; it must be {allowed}.");

    public static Refusal IdentityAddressCode(string field) =>
        new(RefusalCode.IdentityAddressCode, field,
            "证件号码前6位不是有效的行政区划代码。",
            "The first six digits of the identity number are not a valid division code.");

    public static Refusal IdentityBirthDate(string field) =>
        new(RefusalCode.IdentityBirthDate, field,
            "证件号码中的出生日期不是有效日期。",
            "The birth date in the identity number is not a real calendar date.");

    public static Refusal IdentityBirthDateInFuture(string field) =>
        new(RefusalCode.IdentityBirthDateInFuture, field,
            "证件号码中的出生日期晚于今天。",
            "The birth date in the identity number is in the future.");

    public static Refusal IdentityCheckCharacter(string field, char expected, char actual) =>
        new(RefusalCode.IdentityCheckCharacter, field,
            $"证件号码校验码错误：应为{expected}，实际为{actual}。",
            $"The identity number's check character is wrong: expected {expected}, found {actual}.");

    public static Refusal ChannelUnknown(int value) =>
        new(RefusalCode.ChannelUnknown, "channel",
            "办理渠道无效，应为线上或窗口。",
            string.Create(Invariant, $"Channel {value} is unknown; it must be online or window."));

    public static Refusal CountyCodeInvalid(Divisions.DivisionCode province) =>
        new(RefusalCode.CountyCodeInvalid, "countyCode",
            $"办理地应为本省县级行政区划代码（{province}开头的6位数字，且不以00结尾）。",
            $"The county must be a county-level division code of this province: six digits starting with {province}, not ending in 00.");

    public static Refusal MatterUnknown(string field, int value) =>
        new(RefusalCode.MatterUnknown, field,
            string.Create(Invariant, $"未知的事项：{value}。"),
            string.Create(Invariant, $"Matter {value} is unknown."));

    public static Refusal MatterDuplicate(string field, Matter matter) =>
        new(RefusalCode.MatterDuplicate, field,
            $"事项“{Matters.Info(matter).NameZh}”重复选择。",
            $"The matter {Matters.Info(matter).Code} is chosen twice.");

    public static Refusal MatterPrerequisiteMissing(Matter matter, Matter prerequisite) =>
        new(RefusalCode.MatterPrerequisiteMissing, "matters",
            $"事项“{Matters.Info(matter).NameZh}”需要先办理“{Matters.Info(prerequisite).NameZh}”，请一并选择。",
            $"The matter {Matters.Info(matter).Code} needs {Matters.Info(prerequisite).Code} first; choose it too.");

    public static Refusal MatterNotChosen(Matter matter) =>
        new(RefusalCode.MatterNotChosen, "matter",
            $"本申请未选择事项“{Matters.Info(matter).NameZh}”。",
            $"This application does not include the matter {Matters.Info(matter).Code}.");

    public static Refusal MaterialUnknown(string field, int value) =>
        new(RefusalCode.MaterialUnknown, field,
            string.Create(Invariant, $"未知的材料：{value}。"),
            string.Create(Invariant, $"Material {value} is unknown."));

    public static Refusal MaterialDuplicate(string field, Material material) =>
        new(RefusalCode.MaterialDuplicate, field,
            $"材料“{MaterialRules.Name(material).Zh}”重复提交。",
            $"The material {MaterialRules.Code(material)} ({MaterialRules.Name(material).En}) is given twice.");

    public static Refusal MaterialSourceNotAllowed(string field, Material material, MaterialSource source, Channel channel) =>
        new(RefusalCode.MaterialSourceNotAllowed, field,
            $"材料“{MaterialRules.Name(material).Zh}”不适用于所选事项，或不能以“{SourceZh(source)}”方式在{ChannelZh(channel)}提交。",
            $"The material {MaterialRules.Code(material)} ({MaterialRules.Name(material).En}) does not apply to the chosen matters or cannot be given as {source} on the {channel} channel.");

    public static Refusal MaterialMissing(Material material) =>
        new(RefusalCode.MaterialMissing, "materials",
            $"缺少材料“{MaterialRules.Name(material).Zh}”。",
            $"The material {MaterialRules.Code(material)} ({MaterialRules.Name(material).En}) is missing.");

    public static Refusal ContributionBaseOutOfRange(string field, decimal value, decimal minimum, decimal maximum) =>
        new(RefusalCode.ContributionBaseOutOfRange, field,
            string.Create(Invariant, $"缴费基数{value}元不在{minimum}至{maximum}元之间。"),
            string.Create(Invariant, $"The contribution base {value} CNY is outside {minimum}–{maximum} CNY."));

    public static Refusal PaymentCycleUnknown(string field, int value) =>
        new(RefusalCode.PaymentCycleUnknown, field,
            "缴费周期应为按月、按季、按半年或按年。",
            string.Create(Invariant, $"Payment cycle {value} is unknown; it must be monthly, quarterly, half-yearly or yearly."));

    public static Refusal DateInvalid(string field) =>
        new(RefusalCode.DateInvalid, field, "日期无效。", "The date is not valid.");

    public static Refusal UnderMinimumAge() =>
        new(RefusalCode.UnderMinimumAge, "identityNumber",
            string.Create(Invariant, $"申请人在受理日未满{EligibilityRules.MinimumAge}周岁。"),
            string.Create(Invariant, $"The applicant is under {EligibilityRules.MinimumAge} on the acceptance date."));

    public static Refusal FullTimeStudent() =>
        new(RefusalCode.FullTimeStudent, "facts.isFullTimeStudent",
            "全日制在校学生不能以灵活就业人员身份参保。",
            "A full-time student cannot enroll as a flexible worker.");

    public static Refusal RetirementAgeReached() =>
        new(RefusalCode.RetirementAgeReached, "identityNumber",
            "申请人在受理日已达到法定退休年龄。",
            "The applicant has reached the statutory retirement age on the acceptance date.");

    public static Refusal RetirementGroupMismatch(RetirementGroup declared) =>
        new(RefusalCode.RetirementGroupMismatch, "facts.declaredRetirementGroup",
            "申报的退休年龄类别与证件性别不符。",
            $"The declared retirement group {declared} does not match the gender of the identity number.");

    public static Refusal SocialSecurityCardAlreadyIssued() =>
        new(RefusalCode.SocialSecurityCardAlreadyIssued, "matters",
            "申请人已在云南省内申领过社会保障卡，不能再次申领。",
            "The applicant has already applied for a social security card in Yunnan.");

    public static Refusal EmployerMedicalInsured() =>
        new(RefusalCode.EmployerMedicalInsured, "matters",
            "申请人已在用人单位参加职工基本医疗保险。",
            "The applicant is already insured in employee medical insurance through an employer.");

    public static Refusal NotFlexiblyEmployed(Matter matter) =>
        new(RefusalCode.NotFlexiblyEmployed, "facts.employmentForm",
            $"办理“{Matters.Info(matter).NameZh}”需为个体经营者或以其他方式灵活就业的劳动者。",
            $"The matter {Matters.Info(matter).Code} needs a self-employed operator or an otherwise flexibly employed worker.");

    public static Refusal EmploymentCertificateAlreadyIssued() =>
        new(RefusalCode.EmploymentCertificateAlreadyIssued, "matters",
            "申请人已申领过《就业创业证》，仅限首次申领。",
            "The employment certificate is for a first application only, and the applicant already has one.");

    public static Refusal IllegalTransition(string action, string state) =>
        new(RefusalCode.IllegalTransition, "",
            $"当前状态（{state}）下不能执行“{action}”。",
            $"Cannot {action} while the application is {state}.");

    public static Refusal MatterIllegalTransition(Matter matter, string action, string state) =>
        new(RefusalCode.IllegalTransition, "matter",
            $"事项“{Matters.Info(matter).NameZh}”当前状态（{state}）下不能执行“{action}”。",
            $"Cannot {action} the matter {Matters.Info(matter).Code} while it is {state}.");

    public static Refusal WrongDepartment(Matter matter, Department caller) =>
        new(RefusalCode.WrongDepartment, "department",
            $"事项“{Matters.Info(matter).NameZh}”由{Matters.DepartmentNameZh(Matters.DepartmentOf(matter))}办理，不是{Matters.DepartmentNameZh(caller)}。",
            $"The matter {Matters.Info(matter).Code} is handled by {Matters.DepartmentOf(matter)}, not {caller}.");

    public static Refusal SupplementOverdue(DateOnly deadline) =>
        new(RefusalCode.SupplementOverdue, "",
            string.Create(Invariant, $"补正期限（{deadline:yyyy-MM-dd} 24:00）已过。"),
            string.Create(Invariant, $"The supplement deadline (24:00 on {deadline:yyyy-MM-dd}) has passed."));

    public static Refusal SupplementNotDue(DateOnly deadline) =>
        new(RefusalCode.SupplementNotDue, "",
            string.Create(Invariant, $"补正期限（{deadline:yyyy-MM-dd} 24:00）未到。"),
            string.Create(Invariant, $"The supplement deadline (24:00 on {deadline:yyyy-MM-dd}) has not passed yet."));

    public static Refusal SupplementAlreadyRequested(DateOnly deadline) =>
        new(RefusalCode.SupplementAlreadyRequested, "",
            string.Create(Invariant, $"已发出补正告知（补正期限{deadline:yyyy-MM-dd}），须一次告知全部补正材料，不得再次告知。"),
            string.Create(Invariant, $"A supplement notice (due {deadline:yyyy-MM-dd}) is already open; everything to supplement is told at once, not twice."));

    public static Refusal SupplementIncomplete(Material material) =>
        new(RefusalCode.SupplementIncomplete, "materials",
            $"补正告知中的材料“{MaterialRules.Name(material).Zh}”尚未补正。",
            $"The material {MaterialRules.Code(material)} ({MaterialRules.Name(material).En}) of the supplement notice has not been supplemented.");

    public static Refusal ResultNotAwaitingDelivery(Matter matter) =>
        new(RefusalCode.ResultNotAwaitingDelivery, "matters",
            $"事项“{Matters.Info(matter).NameZh}”没有待送达的办理结果（未办结、无需送达或已送达）。",
            $"Matter {Matters.Info(matter).Code} has no result awaiting delivery (not completed, nothing to hand over, or delivered already).");

    public static Refusal AlreadyRated(DateTimeOffset at) =>
        new(RefusalCode.AlreadyRated, "",
            string.Create(Invariant, $"该申请已于{BeijingTimeText(at)}评价，每件申请只能评价一次。"),
            string.Create(Invariant, $"The service was rated already ({BeijingTimeText(at)}); an application is rated once."));

    public static Refusal ApplicationAlreadyOpen(Cases.ApplicationNumber openNumber) =>
        new(RefusalCode.ApplicationAlreadyOpen, "identityNumber",
            $"申请人已有在办申请{openNumber}，办结或撤回后方可再次申请。",
            $"The applicant already has an open application, {openNumber}; it must close or be withdrawn first.");

    public static Refusal ApplicationNotFound(Cases.ApplicationNumber number) =>
        new(RefusalCode.ApplicationNotFound, "applicationNumber", $"申请{number}不存在。", $"There is no application {number}.");

    public static Refusal RequestIdReused(string requestId) =>
        new(RefusalCode.RequestIdReused, "requestId",
            $"请求编号{requestId}已用于另一项操作。",
            $"The request id {requestId} was already used for a different command.");

    public static Refusal PhotoInvalid(string field, string reasonZh, string reasonEn) =>
        new(RefusalCode.PhotoInvalid, field, $"证件照不符合要求：{reasonZh}", $"The ID photo is not acceptable: {reasonEn}");

    public static Refusal FileInvalid(string field, string reasonZh, string reasonEn) =>
        new(RefusalCode.FileInvalid, field, $"上传的文件不符合要求：{reasonZh}", $"The uploaded file is not acceptable: {reasonEn}");

    public static Refusal ContributionBaseNotANumber(string field) =>
        new(RefusalCode.ContributionBaseOutOfRange, field, "缴费基数应为以元为单位的数字，如 5000 或 4306.20。", "The contribution base must be a number of yuan, such as 5000 or 4306.20.");

    public static Refusal CalendarScheduleInvalid(string detail) =>
        new(RefusalCode.CalendarScheduleInvalid, "schedule", $"节假日安排无效：{detail}", $"The holiday schedule is invalid: {detail}");

    public static Refusal PolicyInvalid(string detail) =>
        new(RefusalCode.PolicyInvalid, "policy", $"业务策略配置无效：{detail}", $"The case policy is invalid: {detail}");

    private static string SourceZh(MaterialSource source) => source switch
    {
        MaterialSource.Upload => "上传电子件",
        MaterialSource.PaperOriginal => "纸质原件",
        MaterialSource.DataSharing => "信息共享核验",
        _ => "未知方式",
    };

    private static string ChannelZh(Channel channel) => channel switch
    {
        Channel.Online => "线上",
        Channel.Window => "窗口",
        _ => "未知渠道",
    };

    private static string BeijingTimeText(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", Invariant);
}
