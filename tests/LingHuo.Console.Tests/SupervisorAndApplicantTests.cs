using LingHuo.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace LingHuo.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class SupervisorAndApplicantTests(ConsoleFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task AnApplicantFollowsTheirApplication_OnAPhone_WithoutSigningIn_AndAWrongNameLearnsNothing()
    {
        var number = (await fixture.Platform.Applications.SubmitApplicationAsync(Requests.Submit(Requests.AllNine()))).Application.Number;
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 360, Height = 740 } });
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(fixture.Address, "/progress").ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Assertions.Expect(page.GetByText("请填写申请编号")).ToBeVisibleAsync();

        await page.GetByLabel("申请编号").FillAsync(number);
        await page.GetByLabel("申请人姓名").FillAsync("李四");
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("没有与该编号和申请人姓名相符的申请");
        Assert.Equal(number, await page.GetByLabel("申请编号").InputValueAsync());

        await page.GetByLabel("申请人姓名").FillAsync("张三");
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "办理进度" })).ToContainTextAsync("已受理");
        await Look.CheckAsync(page, "progress-360", output);
    }

    [Fact]
    public async Task ASupervisorSeesOpenApplicationsByCountyAndDepartment_OnTheBoard()
    {
        await fixture.Platform.Applications.SubmitApplicationAsync(Requests.Submit(Requests.AllNine()));
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(fixture.Address, "/signin").ToString());
        await page.GetByLabel("角色").SelectOptionAsync("operator");
        await page.GetByLabel("姓名", new() { Exact = true }).FillAsync("监察一号");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync("**/board", new() { WaitUntil = WaitUntilState.Commit });

        // The read model is a moment behind the submission.
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "530102" }).First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Img)).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("按时 [1-9]"));
        await Look.CheckAsync(page, "board", output);
    }

    [Fact]
    public async Task ASupervisorSearches_AndAMistypedDateIsSaidByItsField_KeepingTheForm()
    {
        var number = (await fixture.Platform.Applications.SubmitApplicationAsync(Requests.Submit(Requests.AllNine()))).Application.Number;
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await fixture.SignInAsync(page, "operator", "监察二号");
        await page.GetByRole(AriaRole.Link, new() { Name = "查询", Exact = true }).ClickAsync();

        await page.GetByLabel("县区代码或前缀", new() { Exact = false }).FillAsync("530102");
        await page.GetByLabel("受理日期自", new() { Exact = false }).FillAsync("2026-13-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "查询", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("日期");
        Assert.Equal("2026-13-01", await page.GetByLabel("受理日期自", new() { Exact = false }).InputValueAsync());

        // The read model is a moment behind the submission: search again until it is there.
        await page.GetByLabel("受理日期自", new() { Exact = false }).FillAsync("");
        await Polling.EventuallyAsync(
            async () =>
            {
                await page.GetByRole(AriaRole.Button, new() { Name = "查询", Exact = true }).ClickAsync();
                await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "查询结果", Exact = false })).ToBeVisibleAsync();
                return await page.GetByRole(AriaRole.Cell, new() { Name = number }).CountAsync();
            },
            found => found == 1, what: "the application found by the search");
        await Look.CheckAsync(page, "search", output);
    }

    [Fact]
    public async Task TheConsoleSwitchesToEnglish_PageByPage_AndBackToChinese()
    {
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await fixture.SignInAsync(page, "clerk", "窗口四号", county: GatewayFixture.ReviewCounty);

        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "The county's queue" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Look.CheckAsync(page, "queue-en", output);

        // The choice holds as the person moves on, refusals included.
        await page.GetByRole(AriaRole.Link, new() { Name = "Intake" }).ClickAsync();
        await page.GetByLabel("Identity or residence permit number").FillAsync("5301");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Cannot be received yet");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("identity");
        await Look.CheckAsync(page, "intake-en", output);

        await page.GetByRole(AriaRole.Link, new() { Name = "中文" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "窗口收件" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
    }
}
