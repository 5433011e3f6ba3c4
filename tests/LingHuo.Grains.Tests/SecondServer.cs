using System.Diagnostics;
using System.Globalization;
using LingHuo.Testing;
using Npgsql;

namespace LingHuo.Grains.Tests;

/// <summary>
/// A second PostgreSQL server started from a base backup of the test server (pg_basebackup, then pg_ctl on the copy),
/// run as the postgres user as the server itself is; stopped and removed afterwards.
/// </summary>
internal sealed class SecondServer(string directory) : IAsyncDisposable
{
    private static readonly string Bin = Path.Combine(Directory.GetDirectories("/usr/lib/postgresql").MaxBy(d => int.TryParse(Path.GetFileName(d), out var version) ? version : 0)!, "bin");
    private readonly int _port = FreePorts.Next();
    private bool _started;

    /// <summary>The copy; a <paramref name="standby"/> keeps following the test server (streaming replication) once started.</summary>
    public async Task BackUpAsync(bool standby = false)
    {
        var server = new NpgsqlConnectionStringBuilder(TestDatabase.ServerConnectionString);
        await AsPostgresAsync("pg_basebackup", [
            "--host", server.Host!, "--port", server.Port.ToString(CultureInfo.InvariantCulture), "--username", server.Username!,
            "--pgdata", directory, "--wal-method=stream", "--checkpoint=fast", .. standby ? ["--write-recovery-conf"] : Array.Empty<string>()]);
    }

    /// <summary>Starts it on its own port; the connection string of the database restored there.</summary>
    public async Task<string> StartAsync(string database)
    {
        await AsPostgresAsync("pg_ctl", "--pgdata", directory, "--wait", "--timeout=60", "--log", Path.Combine(directory, "server.log"),
            "-o", $"-p {_port} -k {directory}", "start");
        _started = true;
        return new NpgsqlConnectionStringBuilder(TestDatabase.ServerConnectionString) { Port = _port, Database = database }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_started)
        {
            await AsPostgresAsync("pg_ctl", "--pgdata", directory, "--wait", "--mode=fast", "stop");
        }

        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    // PostgreSQL's tools refuse to run a server as root: as the postgres user when the tests run as root.
    private static async Task AsPostgresAsync(string tool, params string[] arguments)
    {
        var root = Environment.UserName == "root";
        var start = new ProcessStartInfo(root ? "runuser" : Path.Combine(Bin, tool)) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in root ? ["-u", "postgres", "--", Path.Combine(Bin, tool), .. arguments] : arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(deadline.Token);
        Assert.True(process.ExitCode == 0, $"{tool} failed: {await error}{await output}");
    }
}
