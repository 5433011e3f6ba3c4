using LingHuo.Cli;
using LingHuo.Testing;

namespace LingHuo.Tools.Tests;

/// <summary>The linghuo command against the real gateway: output, JSON, and exit codes.</summary>
[Collection(GatewayCollection.Name)]
public sealed class CliTests(GatewayFixture fixture)
{
    private async Task<(int Exit, string Output, string Errors)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        string[] token = args.Contains("--token") || TokenFor(args) is not { } t ? [] : ["--token", t];
        var exit = await new CliApp(output, errors).RunAsync([.. args, "--address", fixture.Address, .. token]);
        return (exit, output.ToString(), errors.ToString());
    }

    /// <summary>The caller a command is naturally run as: a clerk, the department of the matter, or an operator.</summary>
    private static string? TokenFor(string[] args)
    {
        string? Value(string option) => Array.IndexOf(args, option) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        return args.FirstOrDefault() switch
        {
            "submit" or "precheck" or "get" or "list" or "withdraw" or "watch" =>
                Value("--county") is { Length: 6 } county && county.StartsWith("53", StringComparison.Ordinal) ? Callers.Clerk(county) : Callers.Clerk(),
            "claim" or "complete" or "reject" => Callers.Department(Value("--matter") switch
            {
                "MEDICAL_INSURANCE" or "4" => Protos.V1.Department.MedicalSecurity,
                "PREMIUM_DECLARATION" or "5" => Protos.V1.Department.Tax,
                _ => Protos.V1.Department.HumanResourcesSocialSecurity,
            }),
            "accept" or "refuse" or "request-supplement" or "supplement" or "material" or "dispatch" or "pick-up" or "respond" =>
                Callers.Clerk(args.ElementAtOrDefault(1) is { Length: > 6 } number ? number[..6] : "530102"),
            "health" => null,
            _ => Callers.Operator(),
        };
    }

    [Fact]
    public async Task Submit_Get_Claim_Complete_Withdraw_ThroughTheCli()
    {
        var identity = Identities.Next();

        var submitted = await Run("submit", "--id", identity, "--no-such-option");
        Assert.Equal(2, submitted.Exit); // an unknown option is a usage error

        submitted = await Run("submit", "--id", identity);
        Assert.Equal(0, submitted.Exit);
        var number = submitted.Output.Split('\n')[0].Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        Assert.Matches(@"^530102-\d{8}-\d{6}$", number);
        Assert.Contains("READY_FOR_DEPARTMENT", submitted.Output, StringComparison.Ordinal);

        Assert.Equal(0, (await Run("claim", number, "--matter", "MEDICAL_INSURANCE", "--handler", "yb-01")).Exit);
        var completed = await Run("complete", number, "--matter", "4", "--result-number", "YB-0001");
        Assert.Equal(0, completed.Exit);
        Assert.Contains("YB-0001", completed.Output, StringComparison.Ordinal);

        var json = await Run("get", number, "--json");
        Assert.Contains("\"status\": \"APPLICATION_STATUS_ACCEPTED\"", json.Output, StringComparison.Ordinal);

        var again = await Run("submit", "--id", identity);
        Assert.Equal(1, again.Exit);
        Assert.Contains("AlreadyExists", again.Errors, StringComparison.Ordinal);
        Assert.Contains(number, again.Errors, StringComparison.Ordinal);

        Assert.Equal(0, (await Run("withdraw", number, "--reason", "test")).Exit);
        Assert.Contains(number, (await Run("list", "--id", identity)).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AClerkWorksTheReviewQueue_ThroughTheCli_AndSavesTheUploadedPhoto()
    {
        var photo = Path.GetTempFileName();
        await File.WriteAllBytesAsync(photo, Requests.Photo(300, 400).ToByteArray());
        try
        {
            var identity = Identities.Next();
            var submitted = await Run("submit", "--id", identity, "--county", GatewayFixture.ReviewCounty, "--photo", photo, "--phone", "13600001234");
            Assert.Equal(0, submitted.Exit);
            var number = submitted.Output.Split('\n')[0].Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            Assert.Contains("Review by", submitted.Output, StringComparison.Ordinal);

            await Polling.EventuallyAsync(() => Run("queue", "--token", Callers.Clerk(GatewayFixture.ReviewCounty)), q => q.Output.Contains(number, StringComparison.Ordinal), what: "the queue lists it");
            var notice = await Run("request-supplement", number, "--item", "ID_PHOTO:照片模糊");
            Assert.Equal(0, notice.Exit);
            Assert.Contains("照片模糊", notice.Output, StringComparison.Ordinal);
            Assert.Equal(1, (await Run("request-supplement", number, "--item", "ID_PHOTO:again")).Exit);
            var answered = await Run("supplement", number, "--material", "ID_PHOTO:UPLOAD", "--photo", photo);
            Assert.True(answered.Exit == 0, answered.Errors);
            var accepted = await Run("accept", number);
            Assert.Equal(0, accepted.Exit);
            Assert.Contains("Committed", accepted.Output, StringComparison.Ordinal);

            var progress = await Run("progress", number, "--name", "张三", "--token", "");
            Assert.Equal(0, progress.Exit);
            Assert.Contains("已受理", progress.Output, StringComparison.Ordinal);
            Assert.Equal(1, (await Run("progress", number, "--name", "李四", "--token", "")).Exit);

            var listed = await Polling.EventuallyAsync(
                () => Run("document", "list", number, "--token", Callers.Clerk(GatewayFixture.ReviewCounty)),
                l => l.Output.Contains("ACCEPTANCE_NOTICE", StringComparison.Ordinal), what: "the documents issued");
            var noticeNumber = listed.Output.Split('\n').First(l => l.Contains("SUPPLEMENT_NOTICE", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
            var pdf = Path.GetTempFileName();
            Assert.Equal(0, (await Run("document", "get", noticeNumber, "--out", pdf, "--token", Callers.Clerk(GatewayFixture.ReviewCounty))).Exit);
            Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString((await File.ReadAllBytesAsync(pdf))[..5]), StringComparison.Ordinal);
            File.Delete(pdf);
            var revoked = await Run("document", "revoke", noticeNumber, "--reason", "误发，重新告知", "--token", Callers.Clerk(GatewayFixture.ReviewCounty));
            Assert.True(revoked.Exit == 0, revoked.Errors);
            Assert.Contains("(revoked)", (await Run("document", "list", number, "--token", Callers.Clerk(GatewayFixture.ReviewCounty))).Output, StringComparison.Ordinal);

            var inbox = await Run("messages", number, "--token", Callers.Applicant(identity));
            Assert.True(inbox.Exit == 0, inbox.Errors);
            Assert.Contains("SUPPLEMENT_REQUESTED", inbox.Output, StringComparison.Ordinal);
            Assert.Contains("需补正1项材料", inbox.Output, StringComparison.Ordinal);
            Assert.Equal(0, (await Run("notifications", "failed", "--token", Callers.Operator())).Exit);

            var saved = Path.GetTempFileName();
            Assert.Equal(0, (await Run("material", number, "ID_PHOTO", "--out", saved, "--purpose", "核对照片")).Exit);
            Assert.Equal(await File.ReadAllBytesAsync(photo), await File.ReadAllBytesAsync(saved));
            File.Delete(saved);
        }
        finally
        {
            File.Delete(photo);
        }
    }

    [Fact]
    public async Task Precheck_WithProblems_ExitsOne_AndListsThem()
    {
        var result = await Run("precheck", "--id", Identities.Next(), "--student", "--county", "110105");

        Assert.Equal(1, result.Exit);
        Assert.Contains("FULL_TIME_STUDENT", result.Output, StringComparison.Ordinal);
        Assert.Contains("COUNTY_CODE_INVALID", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompletingAnUnclaimedMatter_ExitsOne_WithTheReason()
    {
        var number = (await fixture.Applications.SubmitApplicationAsync(Requests.Submit())).Application.Number;

        var result = await Run("complete", number, "--matter", "SOCIAL_SECURITY_CARD");

        Assert.Equal(1, result.Exit);
        Assert.Contains("FailedPrecondition", result.Errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("calendar", "add", "2026-09-30", "19", "2026-11-02")]
    [InlineData("calendar", "between", "2026-02-13", "2026-02-24", "2")]
    [InlineData("calendar", "deadline", "2026-09-30T10:00+08:00", "--days", "2", "24:00 2026-10-09")]
    public async Task Calendar_Commands_AnswerTheWorkedExamples(params string[] argsAndExpected)
    {
        var result = await Run(argsAndExpected[..^1]);

        Assert.Equal(0, result.Exit);
        Assert.StartsWith(argsAndExpected[^1], result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchAndSla_ShowTheReadModel()
    {
        var details = Requests.AllNine();
        details.CountyCode = "530427";
        var number = (await fixture.Applications.SubmitApplicationAsync(Requests.Submit(details))).Application.Number;

        var deadline = DateTime.UtcNow.AddSeconds(20);
        (int Exit, string Output, string Errors) search;
        do
        {
            search = await Run("search", "--county", "530427", "--sla", "ON_TIME");
            Assert.True(DateTime.UtcNow < deadline, "The projection did not catch up.");
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
        while (!search.Output.Contains(number, StringComparison.Ordinal));

        Assert.Equal(0, search.Exit);
        Assert.Contains("ACCEPTED", search.Output, StringComparison.Ordinal);
        var sla = await Run("sla", "--county", "530427");
        Assert.Equal(0, sla.Exit);
        Assert.Contains("MEDICAL_SECURITY", sla.Output, StringComparison.Ordinal);
        Assert.Equal(2, (await Run("search", "--sla", "LATE")).Exit);
    }

    [Fact]
    public async Task UnknownMatter_IsAUsageError() =>
        Assert.Equal(2, (await Run("claim", "530102-20261129-000001", "--matter", "NO_SUCH_MATTER")).Exit);

    [Fact]
    public async Task Health_SaysServing() => Assert.Equal("Serving", (await Run("health")).Output.Trim());

    [Fact]
    public async Task SeveralAddresses_AreBalanced_SkippingOneThatIsDown()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var deadPort = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var output = new StringWriter();

        for (var i = 0; i < 4; i++)
        {
            var exit = await new CliApp(output, TextWriter.Null).RunAsync(["calendar", "years", "--address", $"http://127.0.0.1:{deadPort},{fixture.Address}", "--token", Callers.Operator()]);
            Assert.Equal(0, exit);
        }

        Assert.Equal(4, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Contains("2026", StringComparison.Ordinal)));
    }
}
