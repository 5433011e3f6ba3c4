using System.Diagnostics;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using LingHuo.Testing;
using P = LingHuo.Protos.V1;

namespace LingHuo.Gateway.Tests;

/// <summary>
/// gRPC-Web from outside .NET: node with Connect's web transport (tests/grpc-web-node), the client a portal's page would
/// use, against the web port.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class GrpcWebNodeTests(GatewayFixture fixture)
{
    private static readonly string Client = RepositoryRoot.File("tests/grpc-web-node");

    [Fact]
    public async Task ANodeGrpcWebClient_CallsGetApplication_AndReadsARefusal()
    {
        var identity = Identities.Next();
        var number = (await fixture.Applications.SubmitApplicationAsync(Requests.Submit(Requests.AllNine(identity)))).Application.Number;
        var descriptors = Path.Combine(Path.GetTempPath(), $"linghuo-{Guid.NewGuid():N}.binpb");
        await File.WriteAllBytesAsync(descriptors, DescriptorSet(P.ApplicationService.Descriptor.File).ToByteArray());
        try
        {
            await InstallAsync();

            var own = await NodeAsync(descriptors, Callers.Applicant(identity), number);
            Assert.True(own.ExitCode == 0, own.Error);
            using var application = JsonDocument.Parse(own.Output);
            Assert.Equal(number, application.RootElement.GetProperty("application").GetProperty("number").GetString());
            Assert.Equal(9, application.RootElement.GetProperty("application").GetProperty("matters").GetArrayLength());

            var stranger = await NodeAsync(descriptors, Callers.Applicant(Identities.Next()), number);
            Assert.Equal(2, stranger.ExitCode);
            Assert.StartsWith("7 ", stranger.Error, StringComparison.Ordinal); // PERMISSION_DENIED, with the reason as the gRPC client reads it
        }
        finally
        {
            File.Delete(descriptors);
        }
    }

    // The contract exactly as this build serves it: the service's file and everything it imports.
    private static FileDescriptorSet DescriptorSet(FileDescriptor root)
    {
        var set = new FileDescriptorSet();
        var seen = new HashSet<string>();
        void Add(FileDescriptor file)
        {
            if (!seen.Add(file.Name))
            {
                return;
            }

            foreach (var dependency in file.Dependencies)
            {
                Add(dependency);
            }

            set.File.Add(FileDescriptorProto.Parser.ParseFrom(file.SerializedData));
        }

        Add(root);
        return set;
    }

    private static async Task InstallAsync()
    {
        if (!Directory.Exists(Path.Combine(Client, "node_modules")))
        {
            var install = await RunAsync("npm", "ci", "--no-audit", "--no-fund");
            Assert.True(install.ExitCode == 0, "npm ci in tests/grpc-web-node failed: " + install.Error);
        }
    }

    private Task<(int ExitCode, string Output, string Error)> NodeAsync(string descriptors, string token, string number) =>
        RunAsync("node", "get-application.mjs", fixture.WebAddress.ToString().TrimEnd('/'), descriptors, token, number);

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = Client, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var error = process.StandardError.ReadToEndAsync(deadline.Token);
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await output, await error);
    }
}
