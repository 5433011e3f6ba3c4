using LingHuo.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;
using P = LingHuo.Protos.V1;

namespace LingHuo.Console.Tests;

/// <summary>A window clerk works the county's queue in a real browser; every page is photographed and checked by axe.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ClerkTests(ConsoleFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task AClerkSignsIn_FindsTheApplicationInTheQueue_AndAsksForEveryMissingMaterialAtOnce()
    {
        var details = Requests.AllNine();
        details.CountyCode = GatewayFixture.ReviewCounty;
        details.Materials.RemoveAt(2); // no photo
        var number = (await fixture.Platform.Applications.SubmitApplicationAsync(Requests.Submit(details))).Application.Number;

        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();

        // Sign-in refuses an empty name, field by field, and keeps what was typed.
        await page.GotoAsync(new Uri(fixture.Address, "/signin").ToString());
        await page.GetByLabel("县区代码", new() { Exact = false }).FillAsync(GatewayFixture.ReviewCounty);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(page.GetByText("请填写姓名")).ToBeVisibleAsync();
        Assert.Equal(GatewayFixture.ReviewCounty, await page.GetByLabel("县区代码", new() { Exact = false }).InputValueAsync());
        await CheckAsync(page, "signin");

        await page.GetByLabel("姓名", new() { Exact = true }).FillAsync("窗口一号");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync("**/queue", new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = number })).ToBeVisibleAsync();
        await CheckAsync(page, "queue");

        await page.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "一次性告知补正" })).ToBeVisibleAsync();
        await CheckAsync(page, "application");

        // The missing photo is chosen already, with a reason the clerk rewrites.
        var reason = page.GetByLabel("白底证件照：补正原因", new() { Exact = false });
        await reason.FillAsync("请上传本人近期免冠白底证件照");
        await page.GetByRole(AriaRole.Button, new() { Name = "发出补正告知" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("补正告知已发出");
        await CheckAsync(page, "application-supplement-requested");

        var application = (await fixture.Platform.Applications.GetApplicationAsync(new P.GetApplicationRequest { Number = number })).Application;
        Assert.Equal(P.ApplicationStatus.SupplementRequired, application.Status);
        Assert.Equal("请上传本人近期免冠白底证件照", Assert.Single(application.SupplementNotice).Reason);

        // On a phone's width the queue still reads, one application per card.
        await page.SetViewportSizeAsync(360, 740);
        await page.GotoAsync(new Uri(fixture.Address, "/queue").ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = number })).ToBeVisibleAsync();
        await CheckAsync(page, "queue-360");
    }

    private Task CheckAsync(IPage page, string name) => Look.CheckAsync(page, name, output);
}
