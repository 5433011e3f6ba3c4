using System.Globalization;
using LingHuo.LoadTest;

// dotnet LingHuo.LoadTest.dll grains "<connection string>" [callers] [seconds] [applications]
// dotnet LingHuo.LoadTest.dll memory "<connection string>" [activations] [--json]
// dotnet LingHuo.LoadTest.dll deadlines "<connection string>" [applications] [--json]
// dotnet LingHuo.LoadTest.dll grpc <address[,address...]> trivial|get|submit|mixed [callers] [seconds] [rate: calls/s, open loop] [--json]
// dotnet LingHuo.LoadTest.dll lifecycle <address[,address...]> [callers] [seconds] [--json]
// dotnet LingHuo.LoadTest.dll feed <address> "<connection string>" [backlog] [live] [--json]
int Arg(int index, int fallback) => args.Length > index && !args[index].StartsWith("--", StringComparison.Ordinal) ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
switch (args)
{
    case ["grains", var connectionString, ..]:
        await GrainLoad.RunAsync(connectionString, callers: Arg(2, 64), seconds: Arg(3, 20), activations: Arg(4, 10_000));
        return 0;
    case ["grpc", var address, var scenario, ..]:
        await GrpcLoad.RunAsync(address, scenario, callers: Arg(3, 64), seconds: Arg(4, 15), rate: Arg(5, 0), json: args.Contains("--json"));
        return 0;
    case ["lifecycle", var address, ..]:
        var lifecycle = await LifecycleLoad.RunAsync(address, callers: Arg(2, 16), TimeSpan.FromSeconds(Arg(3, 15)), TimeSpan.FromSeconds(60), Tokens.FromEnvironment());
        Console.WriteLine(lifecycle.Lines());
        if (args.Contains("--json"))
        {
            Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(lifecycle.Figures()));
        }

        return lifecycle.Closed == lifecycle.Submitted ? 0 : 1;
    case ["feed", var address, var connectionString, ..]:
        Json(await FeedLoad.RunAsync(address, connectionString, backlog: Arg(3, 100_000), live: Arg(4, 200)));
        return 0;
    case ["memory", var connectionString, ..]:
        Json(await GrainLoad.MemoryAsync(connectionString, activations: Arg(2, 10_000)));
        return 0;
    case ["deadlines", var connectionString, ..]:
        var deadlines = await GrainLoad.DeadlinesAsync(connectionString, count: Arg(2, 100_000));
        Json(deadlines);
        return (long)deadlines["deadlines_swept"] >= (int)deadlines["deadlines_due"] ? 0 : 1;
    default:
        await Console.Error.WriteLineAsync("usage: grains <connection string> [callers=64] [seconds=20] [applications=10000] | memory <connection string> [activations=10000] | deadlines <connection string> [applications=100000] | grpc <address> trivial|get|submit|mixed [callers=64] [seconds=15] [rate] | lifecycle <address> [callers=16] [seconds=15] | feed <address> <connection string> [backlog=100000] [live=200]; --json adds one line of flat figures");
        return 2;
}

void Json(Dictionary<string, object> figures)
{
    if (args.Contains("--json"))
    {
        Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(figures));
    }
}
