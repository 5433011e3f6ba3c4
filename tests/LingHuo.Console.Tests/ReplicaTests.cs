using System.Diagnostics;
using System.Net;
using LingHuo.Testing;
using Microsoft.Playwright;

namespace LingHuo.Console.Tests;

/// <summary>
/// The console runs as several replicas behind one address: replicas sharing the key ring (a mounted volume) read each
/// other's sign-in cookies, so the next page may come from any of them; a replica with keys of its own asks again.
/// Each answers its health probe without a sign-in.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ReplicaTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task ReplicasSharingTheKeyRing_KeepAPersonSignedIn_AndAReplicaWithItsOwnKeysAsksAgain()
    {
        var shared = Directory.CreateTempSubdirectory("linghuo-console-keys-");
        var own = Directory.CreateTempSubdirectory("linghuo-console-keys-");
        var replicas = new List<Process>();
        try
        {
            var (first, second, lone) = (Address(), Address(), Address());
            replicas.Add(await ConsoleProcess.StartAsync(first, Keys(shared)));
            replicas.Add(await ConsoleProcess.StartAsync(second, Keys(shared)));
            replicas.Add(await ConsoleProcess.StartAsync(lone, Keys(own)));

            using (var http = new HttpClient())
            {
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(first, "/healthz"))).StatusCode);
            }

            // Cookies belong to the host, not the port: the browser sends the first replica's cookie to the others,
            // as it would to replicas behind one address.
            await using var context = await fixture.Browser.NewContextAsync();
            var page = await context.NewPageAsync();
            await fixture.SignInAsync(page, "clerk", "窗口二号", county: GatewayFixture.ReviewCounty, at: first);

            await page.GotoAsync(new Uri(second, "/queue").ToString());
            await Assertions.Expect(page).ToHaveURLAsync(new Uri(second, "/queue").ToString());
            await Assertions.Expect(page.GetByText("窗口二号")).ToBeVisibleAsync();

            await page.GotoAsync(new Uri(lone, "/queue").ToString());
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"));
        }
        finally
        {
            foreach (var replica in replicas)
            {
                replica.Kill(entireProcessTree: true);
                await replica.WaitForExitAsync();
                replica.Dispose();
            }

            shared.Delete(recursive: true);
            own.Delete(recursive: true);
        }
    }

    private static Uri Address() => new($"http://127.0.0.1:{FreePorts.Next()}");

    private Dictionary<string, string> Keys(DirectoryInfo directory)
    {
        var settings = fixture.Settings();
        settings["LingHuo__Console__DataProtectionKeysDirectory"] = directory.FullName;
        return settings;
    }
}
