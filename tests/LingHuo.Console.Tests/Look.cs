using Deque.AxeCore.Playwright;
using LingHuo.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace LingHuo.Console.Tests;

/// <summary>What every page visited in a test goes through.</summary>
internal static class Look
{
    private static readonly string Screenshots = RepositoryRoot.File("docs/console");

    // A screenshot for people to look at, the first load's time and size for the record, and no serious accessibility violation.
    public static async Task CheckAsync(IPage page, string name, ITestOutputHelper output)
    {
        Directory.CreateDirectory(Screenshots);
        await page.EvaluateAsync("() => window.scrollTo(0, 0)"); // the app bar is fixed: drawn from the top, it covers nothing
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });
        var load = await page.EvaluateAsync<double[]>(
            "() => { const n = performance.getEntriesByType('navigation')[0]; const r = performance.getEntriesByType('resource'); return [n ? n.duration : 0, (n ? n.transferSize : 0) + r.reduce((s, e) => s + e.transferSize, 0)]; }");
        output.WriteLine($"{name}: load {load[0]:F0} ms, {load[1] / 1024:F0} KB transferred");

        var axe = await page.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{name}: " + string.Join("; ", serious.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))})")));
    }
}
