using System.Collections.Immutable;

namespace LingHuo.Domain;

/// <summary>
/// A free-text field that is stored, and may be logged or printed on a notice or a parcel: its names for refusals, its
/// length limit and whether it may span lines. Lengths count characters as people do (Unicode scalar values), so a rare
/// name character outside the Basic Multilingual Plane counts once. The limits are part of the public contract and are
/// listed in the README.
/// </summary>
public sealed record TextField(string NameZh, string NameEn, int MaxLength, bool Multiline = false)
{
    public static readonly TextField RequestId = new("请求编号", "request id", 64);
    public static readonly TextField Recipient = new("收件人", "recipient", 50);
    public static readonly TextField Phone = new("收件人电话", "recipient's phone number", 20);
    public static readonly TextField Address = new("邮寄地址", "mailing address", 200);
    public static readonly TextField PostalCode = new("邮政编码", "postal code", 6);
    public static readonly TextField MaterialReference = new("材料引用", "material reference", 200);
    public static readonly TextField Handler = new("承办人", "handler", 64);
    public static readonly TextField Reason = new("原因", "reason", 500, Multiline: true);
    public static readonly TextField ApplicantName = new("申请人姓名", "applicant's name", 50);
    public static readonly TextField PledgeVersion = new("承诺书版本", "pledge version", 32);
    public static readonly TextField LegalBasis = new("法律依据", "legal basis", 500, Multiline: true);
    public static readonly TextField Carrier = new("承运方", "carrier", 50);
    public static readonly TextField Waybill = new("运单号", "waybill number", 40);
    public static readonly TextField CollectedBy = new("领取人", "collector", 50);
    public static readonly TextField RatingTag = new("评价标签", "rating tag", 20);
    public static readonly TextField RatingComment = new("评价内容", "rating comment", 500, Multiline: true);
    public static readonly TextField RectificationResponse = new("整改情况", "rectification response", 1000, Multiline: true);
    public static readonly TextField ResultNumber = new("结果编号", "result number", 64);
    public static readonly TextField ResultDocument = new("结果文书地址", "result document reference", 500);
    public static readonly TextField ResultNote = new("结果说明", "result note", 500, Multiline: true);
    public static readonly TextField Purpose = new("查阅事由", "purpose", 200);
    public static readonly TextField Subject = new("主体", "subject", 128);
    public static readonly TextField ScheduleSource = new("节假日安排来源", "schedule source", 200);

    /// <summary>How many result documents one matter may name.</summary>
    public const int MaxResultDocuments = 20;

    /// <summary>
    /// The first thing wrong with <paramref name="text"/>, or null. Empty text passes: whether a field is required is
    /// for its owner to say. A refused character is named by position and code point, never by the text around it.
    /// </summary>
    public Refusal? Check(string? text, string field)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            count++;
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c) || IsRefused(c))
            {
                return Refusals.InvalidCharacter(field, NameZh, NameEn, count, c);
            }
        }

        return count > MaxLength ? Refusals.TooLong(field, NameZh, NameEn, MaxLength, count) : null;
    }

    /// <summary>Every refusal of a list of texts of this field (<c>field[i]</c>), and of the list's own length.</summary>
    public IEnumerable<Refusal> CheckAll(ImmutableArray<string> texts, string field, int maxCount)
    {
        if (texts.IsDefaultOrEmpty)
        {
            yield break;
        }

        if (texts.Length > maxCount)
        {
            yield return Refusals.InvalidValue(field, NameZh, NameEn, $"不超过{maxCount}项", $"at most {maxCount} items");
            yield break;
        }

        for (var i = 0; i < texts.Length; i++)
        {
            if (Check(texts[i], $"{field}[{i}]") is { } refusal)
            {
                yield return refusal;
            }
        }
    }

    // PostgreSQL cannot store U+0000, a printer or a log line must not be steered by control characters, and bidi controls
    // can make a printed name or address read as something else (Trojan Source, CVE-2021-42574).
    private bool IsRefused(char c) =>
        (char.IsControl(c) && !(Multiline && c is '\n' or '\r' or '\t'))
        || c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\uFFFE' or '\uFFFF';
}
