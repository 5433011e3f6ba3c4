using LingHuo.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;
using P = LingHuo.Protos.V1;

namespace LingHuo.Console.Tests;

/// <summary>A clerk takes a submission at the window (every problem shown as it is typed, nothing typed lost), reviews its scans and hands the results over.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class WindowIntakeTests(ConsoleFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task TheFormPrechecksAsTheClerkTypes_KeepsWhatWasTyped_AndSubmitsAtTheWindow()
    {
        var identity = Identities.Next();
        var photo = Path.GetTempFileName() + ".png";
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        try
        {
            await fixture.SignInAsync(page, "clerk", "窗口三号", county: GatewayFixture.ReviewCounty);
            // A scan the browser can draw (the platform checks only its format and size): a piece of the screen.
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = photo, Clip = new Clip { X = 0, Y = 0, Width = 180, Height = 220 } });
            await page.GetByRole(AriaRole.Link, new() { Name = "收件" }).ClickAsync();
            var verdict = page.GetByRole(AriaRole.Status);

            // A wrong check digit and no pledge: each said at once, in the panel and by its field.
            await page.GetByLabel("姓名", new() { Exact = true }).FillAsync("王五");
            await page.GetByLabel("公民身份号码", new() { Exact = false }).FillAsync(identity[..17] + (identity[17] == '0' ? '1' : '0'));
            await page.GetByLabel("月缴费基数", new() { Exact = false }).FillAsync("5000");
            await Assertions.Expect(verdict).ToContainTextAsync("暂不能收件");
            await Assertions.Expect(verdict).ToContainTextAsync("校验码");
            await Assertions.Expect(verdict).ToContainTextAsync("承诺");
            await Assertions.Expect(page.Locator(".mud-input-helper-text.mud-input-error").First).ToContainTextAsync("校验码");
            await Look.CheckAsync(page, "intake", output);

            // Submitting anyway is refused, field by field, and the form keeps every value.
            await page.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Alert).Last).ToContainTextAsync("校验码");
            Assert.Equal("王五", await page.GetByLabel("姓名", new() { Exact = true }).InputValueAsync());
            Assert.Equal("5000", await page.GetByLabel("月缴费基数", new() { Exact = false }).InputValueAsync());

            await page.GetByLabel("公民身份号码", new() { Exact = false }).FillAsync(identity);
            await page.GetByLabel("白底证件照：扫描件").SetInputFilesAsync(photo);
            await page.GetByLabel("申请人已签署承诺书", new() { Exact = false }).CheckAsync();
            await Assertions.Expect(verdict).ToContainTextAsync("材料齐全，可以受理");
            await Assertions.Expect(verdict).ToContainTextAsync("每期应缴约");
            await Look.CheckAsync(page, "intake-ready", output);

            await page.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/applications/530111-"), new() { WaitUntil = WaitUntilState.Commit });
            var number = page.Url[(page.Url.LastIndexOf('/') + 1)..];
            // Taken in person with nothing missing, it is accepted at once.
            await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { Name = "状态" })).ToContainTextAsync("已受理");

            var application = (await fixture.Platform.Applications.GetApplicationAsync(new P.GetApplicationRequest { Number = number })).Application;
            Assert.Equal(P.ApplicationStatus.Accepted, application.Status);
            Assert.Equal(P.Channel.Window, application.Channel);
            Assert.Equal(9, application.Matters.Count);
            Assert.Contains(application.Materials, m => m.Material == P.Material.IdPhoto && m.Source == P.MaterialSource.Upload && m.File.MediaType == "image/png");
            Assert.Contains(application.Materials, m => m.Material == P.Material.ApplicationForm && m.Source == P.MaterialSource.PaperOriginal);

            // The scanned photo is previewed as handed in, read through the gateway.
            var preview = page.GetByRole(AriaRole.Img, new() { Name = "白底证件照（点击查看原图）" });
            await Assertions.Expect(preview).ToBeVisibleAsync();
            await Assertions.Expect(preview).ToHaveJSPropertyAsync("complete", true);
            Assert.True(await preview.EvaluateAsync<int>("img => img.naturalWidth") > 0);

            // Once the departments are done, the clerk hands the results over at the window, the collector's identity checked.
            await Requests.CompleteAllAsync(fixture.Platform.Departments, number);
            await page.ReloadAsync();
            await page.GetByLabel("领取人", new() { Exact = true }).FillAsync("王五");
            await page.GetByRole(AriaRole.Button, new() { Name = "登记领取" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("身份");
            Assert.Equal("王五", await page.GetByLabel("领取人", new() { Exact = true }).InputValueAsync());
            await page.GetByLabel("已核验领取人身份证件").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "登记领取" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已登记领取");
            await Assertions.Expect(page.GetByText("由 王五 领取", new() { Exact = false })).ToBeVisibleAsync();
            await Look.CheckAsync(page, "application-delivered", output);
            Assert.True((await fixture.Platform.Applications.GetApplicationAsync(new P.GetApplicationRequest { Number = number, Purpose = "核对送达" })).Application.Delivered);
        }
        finally
        {
            File.Delete(photo);
        }
    }
}
