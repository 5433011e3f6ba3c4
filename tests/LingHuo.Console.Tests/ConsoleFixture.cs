using System.Diagnostics;
using LingHuo.Testing;
using Microsoft.Playwright;

namespace LingHuo.Console.Tests;

/// <summary>
/// The platform (the real silo and gateway on PostgreSQL), the console as its own process signing its users' tokens with
/// a key the gateway trusts, and Debian's chromium (never a downloaded browser) driven by Playwright.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    private readonly string _keyFile = Path.GetTempFileName();
    private readonly string _applicantSecretFile = Path.GetTempFileName();
    private Process _console = null!;
    private IPlaywright _playwright = null!;

    public GatewayFixture Platform { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public Uri Address { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Platform.InitializeAsync();
        await File.WriteAllTextAsync(_keyFile, Callers.Key1.Private);
        await File.WriteAllTextAsync(_applicantSecretFile, GatewayFixture.KeySecret);
        Address = new Uri($"http://127.0.0.1:{FreePorts.Next()}");
        _console = await ConsoleProcess.StartAsync(Address, Settings());

        // Expectations poll until they hold; a machine busy with the other test assemblies may take longer than
        // Playwright's default 5 s to render an answer.
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--lang=zh-CN"],
        });
    }

    /// <summary>The settings of the fixture's console: development sign-in against the fixture's platform.</summary>
    public Dictionary<string, string> Settings() => new()
    {
        ["LingHuo__Console__Gateway"] = Platform.Address,
        ["LingHuo__Console__DevelopmentKeyFile"] = _keyFile,
        ["LingHuo__Console__DevelopmentIssuer"] = Callers.Issuer,
        ["LingHuo__Console__DevelopmentKeyId"] = "k1",
        ["LingHuo__Console__DevelopmentApplicantKeySecretFile"] = _applicantSecretFile,
    };

    /// <summary>Signs in on the development page, as a person of that role would.</summary>
    public async Task SignInAsync(IPage page, string role, string name, string? county = null, string? identity = null, Uri? at = null)
    {
        await page.GotoAsync(new Uri(at ?? Address, "/signin").ToString());
        await page.GetByLabel("角色").SelectOptionAsync(role);
        if (county is not null)
        {
            await page.GetByLabel("县区代码", new() { Exact = false }).FillAsync(county);
        }

        if (identity is not null)
        {
            await page.GetByLabel("身份证件号码", new() { Exact = false }).FillAsync(identity);
        }

        await page.GetByLabel("姓名", new() { Exact = true }).FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        // Signed in once the next page's URL is committed; what the test expects of that page is awaited by its
        // expectations (a run once waited 30 s for a load event that Blazor's navigation had no reason to send again).
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/(queue|board|progress)$"), new() { WaitUntil = WaitUntilState.Commit });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        _console.Kill(entireProcessTree: true);
        await _console.WaitForExitAsync();
        _console.Dispose();
        File.Delete(_keyFile);
        File.Delete(_applicantSecretFile);
        await Platform.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "console";
}

/// <summary>The console as its own process (the build output of src/LingHuo.Console), in Development.</summary>
internal static class ConsoleProcess
{
    private static readonly string Bin = Path.GetDirectoryName(typeof(ConsoleProcess).Assembly.Location)!.Replace("LingHuo.Console.Tests", "LingHuo.Console", StringComparison.Ordinal)
        .Replace($"{Path.DirectorySeparatorChar}tests{Path.DirectorySeparatorChar}", $"{Path.DirectorySeparatorChar}src{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    public static Process Start(Uri address, Dictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(Bin, "LingHuo.Console.dll")])
        {
            WorkingDirectory = Bin,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                // Development: static assets (MudBlazor's, the framework's) are served from the build output.
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["ASPNETCORE_URLS"] = address.ToString(),
            },
        };
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }

    /// <summary>Starts it and waits until it serves its sign-in page.</summary>
    public static async Task<Process> StartAsync(Uri address, Dictionary<string, string> settings)
    {
        var console = Start(address, settings);
        console.BeginOutputReadLine();
        console.BeginErrorReadLine();
        using var http = new HttpClient();
        await Polling.EventuallyAsync(
            async () =>
            {
                try
                {
                    return (await http.GetAsync(new Uri(address, "/signin"))).IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            ok => ok, TimeSpan.FromSeconds(60), "the console serving");
        return console;
    }
}
