namespace LingHuo.Domain;

/// <summary>
/// One refused condition, readable by people in Chinese and English and by machines through <see cref="Code"/>.
/// <see cref="Field"/> names the offending input (a path such as <c>matters[2]</c>), empty when the refusal is not about one field.
/// Messages never contain an identity number.
/// </summary>
public sealed record Refusal(RefusalCode Code, string Field, string MessageZh, string MessageEn)
{
    public override string ToString() => $"{Code} {Field}: {MessageEn} / {MessageZh}";
}
