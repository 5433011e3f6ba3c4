namespace LingHuo.Domain.Tests;

public sealed class TextFieldTests
{
    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("张三")]
    [InlineData("Zhāng Sān-O'Neil")]
    [InlineData("阿卜杜热合曼·买买提")]
    public void OrdinaryText_Passes(string? text) => Assert.Null(TextField.Recipient.Check(text, "recipient"));

    [Theory]
    [InlineData("张\u0000三", 2, 0x0000)]
    [InlineData("\u0007", 1, 0x0007)]
    [InlineData("张三\u0085", 3, 0x0085)]
    [InlineData("张三\u202E", 3, 0x202E)]
    [InlineData("\u2067张三", 1, 0x2067)]
    [InlineData("张\u200F三", 2, 0x200F)]
    [InlineData("张\uFFFF", 2, 0xFFFF)]
    [InlineData("张\n三", 2, 0x000A)]
    public void ACharacterThatCannotBeStoredOrMightMisleadInPrint_IsRefused_ByPositionAndCodePoint(string text, int position, int codePoint)
    {
        var refusal = TextField.Recipient.Check(text, "delivery.recipient");

        Assert.NotNull(refusal);
        Assert.Equal((RefusalCode.InvalidCharacter, "delivery.recipient"), (refusal.Code, refusal.Field));
        Assert.Contains($"Character {position} ", refusal.MessageEn, StringComparison.Ordinal);
        Assert.Contains($"U+{codePoint:X4}", refusal.MessageEn, StringComparison.Ordinal);
        Assert.DoesNotContain("张", refusal.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnpairedSurrogate_IsRefused()
    {
        // Built in code: an attribute argument cannot carry a lone surrogate (it is stored as UTF-8).
        var high = TextField.Recipient.Check("张" + '\uD842' + "三", "recipient");
        var low = TextField.Recipient.Check("张三" + '\uDFB7', "recipient");

        Assert.Contains("Character 2 of the recipient (U+D842)", high?.MessageEn, StringComparison.Ordinal);
        Assert.Contains("Character 3 of the recipient (U+DFB7)", low?.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void AReason_MaySpanLines_ButNotCarryOtherControls()
    {
        Assert.Null(TextField.Reason.Check("第一行\r\n第二行\t续", "reason"));
        Assert.Equal(RefusalCode.InvalidCharacter, TextField.Reason.Check("第一行\u0000", "reason")?.Code);
    }

    [Fact]
    public void Length_CountsCharactersAsPeopleDo_NotUtf16Units()
    {
        var fifty = string.Concat(Enumerable.Repeat("𠮷", 50));

        Assert.Equal(100, fifty.Length);
        Assert.Null(TextField.Recipient.Check(fifty, "recipient"));
        var refusal = TextField.Recipient.Check(fifty + "𠮷", "recipient");
        Assert.Equal(RefusalCode.TooLong, refusal?.Code);
        Assert.Contains("at most 50 characters, not 51", refusal!.MessageEn, StringComparison.Ordinal);
        Assert.Contains("最多50个字符", refusal.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void AListOfTexts_IsCheckedItemByItem_AndByItsLength()
    {
        Assert.Empty(TextField.ResultDocument.CheckAll(["doc://1", "doc://2"], "result.documents", 20));
        Assert.Equal("result.documents[1]", Assert.Single(TextField.ResultDocument.CheckAll(["doc://1", "doc\u0000"], "result.documents", 20)).Field);
        Assert.Equal(RefusalCode.InvalidValue, Assert.Single(TextField.ResultDocument.CheckAll([.. Enumerable.Repeat("d", 21)], "result.documents", 20)).Code);
    }
}
