namespace LingHuo.Domain.Intake;

public sealed record ResultDelivery(DeliveryMethod Method, string? Recipient = null, string? Phone = null, string? Address = null, string? PostalCode = null)
{
    public static ResultDelivery PickUp { get; } = new(DeliveryMethod.PickUp);

    /// <summary>
    /// Mail needs a recipient, a phone number and an address; each missing or malformed one is a refusal. What is printed
    /// on the parcel is held to its text limits.
    /// </summary>
    public IEnumerable<Refusal> Check(string field = "delivery")
    {
        if (Method is not (DeliveryMethod.PickUp or DeliveryMethod.MailCashOnDelivery))
        {
            yield return Refusals.Required($"{field}.method", "结果送达方式", "result delivery method");
            yield break;
        }

        if (Method == DeliveryMethod.PickUp)
        {
            yield break;
        }

        if (Required(Recipient, $"{field}.recipient", TextField.Recipient) is { } recipient)
        {
            yield return recipient;
        }

        if (Required(Phone, $"{field}.phone", TextField.Phone) is { } phone)
        {
            yield return phone;
        }
        else if (Phone!.Length < 5 || !Phone.All(c => char.IsAsciiDigit(c) || c is '+' or '-' or ' '))
        {
            yield return Refusals.InvalidValue($"{field}.phone", "收件人电话", "recipient's phone number",
                "5–20 位半角数字，可含 + - 和空格", "5–20 ASCII digits, optionally with + - and spaces");
        }

        if (Required(Address, $"{field}.address", TextField.Address) is { } address)
        {
            yield return address;
        }

        if (!string.IsNullOrEmpty(PostalCode) && (PostalCode.Length != 6 || !PostalCode.All(char.IsAsciiDigit)))
        {
            yield return Refusals.InvalidValue($"{field}.postalCode", "邮政编码", "postal code", "6 位半角数字", "six ASCII digits");
        }
    }

    private static Refusal? Required(string? text, string field, TextField rules) =>
        string.IsNullOrWhiteSpace(text) ? Refusals.Required(field, rules.NameZh, rules.NameEn) : rules.Check(text, field);
}
