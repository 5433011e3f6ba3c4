using System.Diagnostics;
using System.Text.Json;
using LingHuo.Testing;

namespace LingHuo.Grains.Tests;

/// <summary>
/// Debian's Prometheus (installed by ./test.sh) scraping one target every second as the compose job "linghuo", with
/// the given rule file evaluated every second; its data in a temporary directory, removed with the process.
/// </summary>
internal sealed class PrometheusProcess : IAsyncDisposable
{
    private const string Binary = "/usr/bin/prometheus";
    private readonly Process _process;
    private readonly string _directory;
    private readonly HttpClient _http;

    private PrometheusProcess(Process process, string directory, Uri address)
    {
        _process = process;
        _directory = directory;
        _http = new HttpClient { BaseAddress = address };
    }

    public static async Task<PrometheusProcess> StartAsync(string target, string rules)
    {
        Assert.True(File.Exists(Binary), $"{Binary} is missing: ./test.sh installs Debian's prometheus package.");
        var directory = Directory.CreateTempSubdirectory("linghuo-prometheus-").FullName;
        var config = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files: ["{rules}"]
            scrape_configs:
              - job_name: linghuo
                static_configs:
                  - targets: ["{target}"]
            """);
        var address = new Uri($"http://127.0.0.1:{FreePorts.Next()}");
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(directory, "data")}", $"--web.listen-address={address.Authority}" },
        };
        var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var prometheus = new PrometheusProcess(process, directory, address);
        await Polling.EventuallyAsync(
            async () =>
            {
                try
                {
                    return (await prometheus._http.GetAsync(new Uri("/-/ready", UriKind.Relative))).IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            ready => ready, TimeSpan.FromSeconds(60), "Prometheus ready");
        return prometheus;
    }

    /// <summary>An instant query's series, each as its value; a query Prometheus refuses fails with its error.</summary>
    public async Task<IReadOnlyList<string>> QueryAsync(string expr)
    {
        using var response = await _http.GetAsync(new Uri("/api/v1/query?query=" + Uri.EscapeDataString(expr), UriKind.Relative));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        if (root.GetProperty("status").GetString() != "success")
        {
            Assert.Fail($"{expr}: {root.GetProperty("error").GetString()}");
        }

        var data = root.GetProperty("data");
        return data.GetProperty("resultType").GetString() == "vector"
            ? [.. data.GetProperty("result").EnumerateArray().Select(r => r.GetProperty("value")[1].GetString()!)]
            : [data.GetProperty("result")[1].GetString()!];
    }

    /// <summary>Every alerting and recording rule with its health (ok, err, unknown until first evaluated).</summary>
    public async Task<IReadOnlyList<(string Name, string Health)>> RulesAsync()
    {
        using var json = JsonDocument.Parse(await _http.GetStringAsync(new Uri("/api/v1/rules", UriKind.Relative)));
        return
        [
            .. json.RootElement.GetProperty("data").GetProperty("groups").EnumerateArray()
                .SelectMany(g => g.GetProperty("rules").EnumerateArray())
                .Select(r => (r.GetProperty("name").GetString()!, r.GetProperty("health").GetString()!)),
        ];
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
