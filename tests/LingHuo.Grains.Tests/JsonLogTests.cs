using System.Text.Json;
using Grpc.Net.Client;
using LingHuo.Contracts;
using LingHuo.Testing;
using P = LingHuo.Protos.V1;

namespace LingHuo.Grains.Tests;

/// <summary>The console log as a log shipper reads it: one JSON object per line, each request's trace on it, no personal data.</summary>
public sealed class JsonLogTests : OwnDatabase
{
    [Fact]
    public async Task JsonLogs_AreOneObjectPerLine_WithTheTrace_AndNoPersonalData()
    {
        var grpc = FreePorts.Next();
        await using var silo = await SiloProcess.StartAsync(Database.ConnectionString, "logs-" + Guid.NewGuid().ToString("N")[..8], environment: new Dictionary<string, string>
        {
            ["LingHuo__Telemetry__ConsoleLogs"] = "Json",
            ["LingHuo__Gateway__Port"] = grpc.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Requests logged as they start and end, so that lines written inside a request are there to be read.
            ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
        });
        var details = Requests.AllNine();
        details.ContactPhone = "13912345678";
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpc}"); // the address line may follow the ready line
        var applications = new P.ApplicationService.ApplicationServiceClient(SiloProcess.As(channel, SiloProcess.Token(CallerRole.Clerk, county: "530102")));
        var number = (await applications.SubmitApplicationAsync(new P.SubmitApplicationRequest { RequestId = Scenario.NewRequestId(), Details = details })).Application.Number;

        var lines = await Polling.EventuallyAsync(
            () => Task.FromResult(silo.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList()),
            l => l.Any(x => x.Contains("SubmitApplication", StringComparison.Ordinal) && x.Contains("Request finished", StringComparison.Ordinal)),
            what: "the submission's request in the log");

        var objects = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList(); // every line is one JSON object
        Assert.All(objects, o => Assert.True(o.TryGetProperty("Timestamp", out var at) && at.GetString()!.EndsWith('Z'), "UTC timestamps"));
        Assert.Contains(objects, o => o.GetProperty("Message").GetString()!.Contains("LingHuo silo ready", StringComparison.Ordinal));
        var request = objects.Where(o => o.GetProperty("Message").GetString()!.Contains("SubmitApplication", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(request);
        Assert.All(request, o => Assert.Matches("^[0-9a-f]{32}$", o.GetProperty("Scopes").EnumerateArray().First(s => s.TryGetProperty("TraceId", out _)).GetProperty("TraceId").GetString()));

        var text = string.Join('\n', lines);
        Assert.DoesNotContain(details.IdentityNumber, text, StringComparison.Ordinal);
        Assert.DoesNotContain(details.ApplicantName, text, StringComparison.Ordinal);
        Assert.DoesNotContain(details.ContactPhone, text, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(number));
    }
}
