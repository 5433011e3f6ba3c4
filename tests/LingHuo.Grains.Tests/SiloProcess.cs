using System.Diagnostics;
using System.Text;
using LingHuo.Contracts;
using LingHuo.Persistence;
using LingHuo.Runtime;
using LingHuo.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace LingHuo.Grains.Tests;

/// <summary>A real LingHuo.Silo process on loopback ports, as operators run it, that a test can SIGKILL.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _readyMarker;

    private SiloProcess(Process process, string readyMarker)
    {
        _process = process;
        _readyMarker = readyMarker;
        _process.OutputDataReceived += (_, e) => Observe(e.Data);
        _process.ErrorDataReceived += (_, e) => Observe(e.Data);
    }

    public int SiloPort { get; private init; }

    public int GatewayPort { get; private init; }

    /// <summary>The gRPC address it printed ("gRPC: http://127.0.0.1:PORT"), if it serves gRPC.</summary>
    public string? GrpcAddress { get; private set; }

    /// <summary>
    /// Starts the host and waits until it says it is ready. <paramref name="environment"/> adds settings, such as
    /// LingHuo__Role=Gateway for the gateway alone (then <paramref name="readyMarker"/> is its "gRPC:" line).
    /// <paramref name="clockAhead"/> runs the process under Debian's faketime that far ahead of the machine clock (its
    /// every clock; PostgreSQL's stays real), as a silo restarted after that long would see the world.
    /// </summary>
    public static async Task<SiloProcess> StartAsync(
        string connectionString,
        string clusterId,
        int? siloPort = null,
        int? gatewayPort = null,
        IReadOnlyDictionary<string, string>? environment = null,
        string readyMarker = "LingHuo silo ready",
        TimeSpan? clockAhead = null)
    {
        var info = clockAhead is { } ahead
            ? new ProcessStartInfo("faketime", ["-f", $"+{(int)ahead.TotalDays}d", "dotnet", SiloAssembly()])
            : new ProcessStartInfo("dotnet", [SiloAssembly()]);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        var ports = (Silo: siloPort ?? FreePorts.Next(), Gateway: gatewayPort ?? FreePorts.Next());
        info.Environment["LingHuo__Storage__ConnectionString"] = connectionString;
        info.Environment["LingHuo__Cluster__ClusterId"] = clusterId;
        info.Environment["LingHuo__Cluster__SiloPort"] = ports.Silo.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["LingHuo__Cluster__GatewayPort"] = ports.Gateway.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["LingHuo__Applicants__KeySecret"] = Scenario.KeySecret;
        info.Environment["LingHuo__Gateway__Port"] = "0";
        info.Environment["LingHuo__Auth__Issuers__0__Issuer"] = TokenIssuer;
        foreach (var (role, i) in Enum.GetValues<CallerRole>().Select((r, i) => (r, i)))
        {
            info.Environment[$"LingHuo__Auth__Issuers__0__Roles__{i}"] = role.ToString();
        }

        info.Environment["LingHuo__Auth__Issuers__0__Keys__0__Id"] = "t1";
        info.Environment["LingHuo__Auth__Issuers__0__Keys__0__PublicKeyPem"] = SigningKey.Public;

        // Declare a killed silo dead within seconds rather than the production default.
        info.Environment["LingHuo__Cluster__Membership__ProbeTimeout"] = "00:00:01";
        info.Environment["LingHuo__Cluster__Membership__NumMissedProbesLimit"] = "2";
        info.Environment["LingHuo__Cluster__Membership__NumVotesForDeathDeclaration"] = "1";
        info.Environment["LingHuo__Cases__Acceptance__Mode"] = "Auto";
        info.Environment["DOTNET_gcServer"] = "0";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var silo = new SiloProcess(Process.Start(info)!, readyMarker) { SiloPort = ports.Silo, GatewayPort = ports.Gateway };
        silo._process.BeginOutputReadLine();
        silo._process.BeginErrorReadLine();
        var exited = silo._process.WaitForExitAsync();
        var first = await Task.WhenAny(silo._ready.Task, exited, Task.Delay(TimeSpan.FromSeconds(60)));
        if (first != silo._ready.Task)
        {
            silo.Kill();
            throw new InvalidOperationException($"The silo did not become ready:{Environment.NewLine}{silo.Output}");
        }

        return silo;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>SIGTERM, as an orchestrator stops a silo: it should drain, leave the cluster and exit 0.</summary>
    public async Task<int> TerminateAsync(TimeSpan within)
    {
        if (Signal(_process.Id, 15) != 0)
        {
            throw new InvalidOperationException($"SIGTERM to {_process.Id} failed.");
        }

        await _process.WaitForExitAsync().WaitAsync(within);
        return _process.ExitCode;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Signal(int pid, int signal);

    /// <summary>SIGKILL: no shutdown, no flush, as when a machine loses power.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private const string TokenIssuer = "grains-tests";
    private static readonly (string Private, string Public) SigningKey = CallerTokens.NewKeyPair();

    /// <summary>A token the silos started here accept, for a caller in <paramref name="role"/>.</summary>
    public static string Token(CallerRole role, string? county = null, Domain.Catalog.Department? department = null, string? jurisdiction = null, string? applicantKey = null) =>
        CallerTokens.Mint(
            SigningKey.Private, "t1", TokenIssuer,
            CallerTokens.Claims(role, $"{role}-test", applicantKey: applicantKey, county: county, department: department?.ToString(), jurisdiction: jurisdiction),
            DateTimeOffset.UtcNow, TimeSpan.FromHours(1));

    /// <summary>Calls to a gateway started here, as the given caller.</summary>
    public static Grpc.Core.CallInvoker As(Grpc.Net.Client.GrpcChannel channel, string token) => GatewayCalls.Over(channel, token);

    /// <summary>A cluster client that finds the silos through the membership table.</summary>
    public static async Task<IHost> ConnectAsync(string connectionString, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client =>
        {
            client.UseLingHuoPostgresClustering(connectionString).AddLingHuoClient();
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = "linghuo";
            });
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private void Observe(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.StartsWith("gRPC: ", StringComparison.Ordinal))
        {
            GrpcAddress = line["gRPC: ".Length..].Trim();
        }
        else if (line.StartsWith('{') && System.Text.RegularExpressions.Regex.Match(line, "\"Message\":\"gRPC: (?<address>http://[^\"]+)\"") is { Success: true } logged)
        {
            GrpcAddress = logged.Groups["address"].Value; // the same line as a JSON log
        }

        if (line.Contains(_readyMarker, StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }

    /// <summary>The silo built in the same configuration as these tests (the test project builds it first).</summary>
    private static string SiloAssembly()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testOutput.Parent!.Name;
        var path = Path.Combine(RepositoryRoot.Path, "src", "LingHuo.Silo", "bin", configuration, "net10.0", "LingHuo.Silo.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the solution first.", path);
    }
}
