using System.CommandLine;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using LingHuo.Contracts;

namespace LingHuo.Cli;

/// <summary>
/// The `linghuo` command: a gRPC client for portals', departments' and operators' everyday tasks. Exit codes: 0 done,
/// 1 refused (the reasons are printed), 2 bad command line, 3 the platform could not be reached or failed.
/// </summary>
internal sealed class CliApp(TextWriter output, TextWriter errors)
{
    public const string AddressVariable = "LINGHUO_ADDRESS";

    private readonly Option<string> _address = new("--address")
    {
        Description = $"gRPC address of the platform, or several separated by commas to balance over (default ${AddressVariable} or http://127.0.0.1:5080).",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(AddressVariable) is { Length: > 0 } a ? a : "http://127.0.0.1:5080",
    };

    private readonly Option<bool> _json = new("--json") { Description = "Print protobuf JSON instead of tables.", Recursive = true };

    public const string TokenVariable = "LINGHUO_TOKEN";

    private readonly Option<string?> _token = new("--token")
    {
        Description = $"Bearer token of the caller (default ${TokenVariable}); `linghuo token` mints one with a development key.",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(TokenVariable),
    };

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("linghuo: the LingHuo.Orleans command line (灵活就业参保\"一件事\").");
        root.Options.Add(_address);
        root.Options.Add(_json);
        root.Options.Add(_token);
        root.Subcommands.Add(SampleCommand.Create());
        root.Subcommands.Add(TokenCommands.Token(output, errors));
        root.Subcommands.Add(TokenCommands.KeyGen(output, errors));
        root.Subcommands.Add(SimulateCommand.Create(this));
        root.Subcommands.Add(DemoCommand.Create(this));
        foreach (var command in ApplicationCommands.Create(this).Concat(CaseWorkCommands.Create(this)).Concat(DepartmentCommands.Create(this)).Concat(QueryCommands.Create(this))
                     .Append(CalendarCommands.Create(this)).Append(Health()))
        {
            root.Subcommands.Add(command);
        }

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                errors.WriteLine(error.Message);
            }

            errors.WriteLine("Try 'linghuo --help'.");
            return Task.FromResult(2);
        }

        return parse.InvokeAsync(cancellationToken: cancellationToken);
    }

    /// <summary>Runs one call against the platform with the shared address, output mode and error handling.</summary>
    public void Action(Command command, Func<ParseResult, Clients, Output, CancellationToken, Task<int>> run) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            var print = new Output(output, errors, parse.GetValue(_json));
            try
            {
                using var channel = GatewayChannels.For(parse.GetValue(_address)!);
                return await run(parse, new Clients(GatewayCalls.Over(channel, parse.GetValue(_token))), print, cancellationToken);
            }
            catch (RpcException e)
            {
                return print.Failure(e);
            }
            catch (Exception e) when (e is ArgumentException or FormatException or IOException or InvalidProtocolBufferException or UriFormatException)
            {
                await errors.WriteLineAsync(e.Message);
                return 2;
            }
        });

    private Command Health()
    {
        var command = new Command("health", "Ask the platform whether it serves (grpc.health.v1).");
        Action(command, async (_, clients, print, ct) =>
        {
            var answer = await clients.Health.CheckAsync(new Grpc.Health.V1.HealthCheckRequest(), cancellationToken: ct);
            print.Message(answer, () => print.Line(answer.Status.ToString()));
            return answer.Status == Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving ? 0 : 3;
        });
        return command;
    }

    public static Timestamp Now() => Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow);
}
