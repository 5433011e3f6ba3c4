using LingHuo.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;
using P = LingHuo.Protos.V1;

namespace LingHuo.Console.Tests;

/// <summary>One application worked end to end by people in browsers: a clerk at a desk, the applicant on a phone.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class WorkflowInBrowserTests(ConsoleFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task TheClerkAsksForASupplement_TheApplicantAnswersOnline_TheClerkAccepts_AndTheApplicantRates()
    {
        var identity = Identities.Next();
        var details = Requests.AllNine(identity);
        details.CountyCode = GatewayFixture.ReviewCounty;
        details.Materials.RemoveAt(2); // no photo
        var number = (await fixture.Platform.Applications.SubmitApplicationAsync(Requests.Submit(details))).Application.Number;
        var photo = Path.GetTempFileName() + ".png";
        await File.WriteAllBytesAsync(photo, Requests.Photo().ToByteArray());

        await using var desk = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await using var phone = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 360, Height = 740 } });
        var clerk = await desk.NewPageAsync();
        var applicant = await phone.NewPageAsync();
        try
        {
            await fixture.SignInAsync(clerk, "clerk", "窗口二号", county: GatewayFixture.ReviewCounty);
            await clerk.GotoAsync(new Uri(fixture.Address, $"/applications/{number}").ToString());
            await clerk.GetByRole(AriaRole.Button, new() { Name = "发出补正告知" }).ClickAsync();
            await Assertions.Expect(clerk.GetByRole(AriaRole.Status)).ToContainTextAsync("补正告知已发出");

            await fixture.SignInAsync(applicant, "applicant", "张三", identity: identity);
            await applicant.GetByLabel("申请编号").FillAsync(number);
            await applicant.GetByLabel("申请人姓名").FillAsync("张三");
            await applicant.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
            await applicant.GetByRole(AriaRole.Link, new() { Name = "办理本人事项（补正、评价）" }).ClickAsync();
            await Assertions.Expect(applicant.GetByRole(AriaRole.Heading, new() { Name = "补正材料" })).ToBeVisibleAsync();
            await applicant.GetByLabel("白底证件照", new() { Exact = false }).SetInputFilesAsync(photo);
            await Assertions.Expect(applicant.GetByText("已选择")).ToBeVisibleAsync();
            await Look.CheckAsync(applicant, "mine-supplement-360", output);
            await applicant.GetByRole(AriaRole.Button, new() { Name = "提交补正" }).ClickAsync();
            await Assertions.Expect(applicant.GetByRole(AriaRole.Status)).ToContainTextAsync("补正材料已提交");

            await clerk.GotoAsync(new Uri(fixture.Address, $"/applications/{number}").ToString());
            await clerk.GetByRole(AriaRole.Button, new() { Name = "受理", Exact = true }).ClickAsync();
            await Assertions.Expect(clerk.GetByRole(AriaRole.Status)).ToContainTextAsync("已受理");
            // The notices are issued a moment after their step; the clerk prints the acceptance notice.
            await Polling.EventuallyAsync(
                async () => (await fixture.Platform.Applications.ListDocumentsAsync(new P.ListDocumentsRequest { Number = number })).Documents.Count,
                n => n == 2, what: "the supplement and acceptance notices issued");
            await clerk.ReloadAsync();
            var download = await clerk.RunAndWaitForDownloadAsync(() => clerk.GetByRole(AriaRole.Link, new() { Name = "受理通知书", Exact = false }).ClickAsync());
            Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString((await File.ReadAllBytesAsync((await download.PathAsync())!))[..5]), StringComparison.Ordinal);
            await Look.CheckAsync(clerk, "application-accepted", output);

            Assert.Equal(P.ApplicationOutcome.AllCompleted, (await Requests.CompleteAllAsync(fixture.Platform.Departments, number)).Outcome);

            await Polling.EventuallyAsync(
                async () => (await fixture.Platform.Applications.ListDocumentsAsync(new P.ListDocumentsRequest { Number = number })).Documents.Count,
                n => n == 3, what: "the participation certificate issued");
            await applicant.GotoAsync(new Uri(fixture.Address, $"/mine/{number}").ToString());
            await Assertions.Expect(applicant.GetByRole(AriaRole.Link, new() { Name = "参保证明", Exact = false })).ToBeVisibleAsync();
            await Assertions.Expect(applicant.GetByRole(AriaRole.Heading, new() { Name = "好差评" })).ToBeVisibleAsync();
            await Look.CheckAsync(applicant, "mine-rate-360", output);
            await applicant.GetByRole(AriaRole.Button, new() { Name = "提交评价" }).ClickAsync();
            await Assertions.Expect(applicant.GetByRole(AriaRole.Status)).ToContainTextAsync("感谢您的评价");

            var closed = (await fixture.Platform.Applications.GetApplicationAsync(new P.GetApplicationRequest { Number = number, Purpose = "核对评价" })).Application;
            Assert.Equal(P.RatingLevel.VerySatisfied, closed.Rating.Level);
            Assert.Equal("image/png", closed.Materials.Single(m => m.Material == P.Material.IdPhoto).File.MediaType);
        }
        finally
        {
            File.Delete(photo);
        }
    }
}
