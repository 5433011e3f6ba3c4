using LingHuo.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LingHuo.Grains.Tests;

/// <summary>
/// Silo processes killed with SIGKILL while they issue what the log calls for: after a restart every document is issued
/// with its number and none is missing, and every text message reaches the platform, processed exactly once by its
/// idempotency key.
/// </summary>
public sealed class IssuingCrashTests : OwnDatabase
{
    private readonly string _clusterId = "issuing-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task SiloKilledWithMessagesInFlight_EveryMessageArrives_AndIsProcessedOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync();

        // First attempts never get an answer: Received is processed (its answer is lost), Accepted is not processed at all.
        receiver.Plan = (message, attempt) => attempt > 1 ? WebhookAnswer.Ok : message.Kind == "Received" ? WebhookAnswer.ProcessThenHang : WebhookAnswer.Hang;
        var settings = receiver.Settings("LingHuo__Notifications__Webhook__");
        settings["LingHuo__Notifications__Webhook__Timeout"] = "00:00:05";
        var environment = settings.ToDictionary(s => s.Key, s => s.Value!);

        var numbers = new List<string>();
        int siloPort, gatewayPort;
        await using (var silo = await SiloProcess.StartAsync(Database.ConnectionString, _clusterId, environment: environment))
        using (var client = await SiloProcess.ConnectAsync(Database.ConnectionString, _clusterId))
        {
            (siloPort, gatewayPort) = (silo.SiloPort, silo.GatewayPort);
            var grains = client.Services.GetRequiredService<IClusterClient>();
            for (var i = 0; i < 5; i++)
            {
                numbers.Add((await grains.SubmitAsync(Scenario.Request() with { ContactPhone = "1380000000" + i })).Number.Value);
            }

            var keys = numbers.SelectMany(n => new[] { $"{n}/1", $"{n}/2" }).ToList();
            // Every message tried at least once (on a busy machine the first ones may be retried before the last is first tried).
            await Polling.EventuallyAsync(() => Task.FromResult(keys.Count(k => receiver.AttemptsOf(k) >= 1)), n => n == keys.Count, what: "every message on the wire");
            silo.Kill();
        }

        await using var restarted = await SiloProcess.StartAsync(Database.ConnectionString, _clusterId, siloPort, gatewayPort, environment);
        var sent = await Polling.EventuallyAsync(
            () => Database.ScalarAsync<long>("select count(*) from notifications where webhook_state = 'sent'"), n => n == 10, TimeSpan.FromSeconds(60), "every message sent after the restart");

        Assert.Equal(10, sent);
        foreach (var number in numbers)
        {
            foreach (var key in new[] { $"{number}/1", $"{number}/2" })
            {
                Assert.Equal(1, receiver.ProcessingsOf(key));
                Assert.Equal(2, receiver.AttemptsOf(key));
            }
        }
    }

    [Fact]
    public async Task SiloKilledWhileIssuingDocuments_AfterARestartEveryNoticeIsIssued_NumberedWithoutGaps()
    {
        var environment = new Dictionary<string, string>
        {
            ["LingHuo__Documents__Keys__0__Id"] = "k1",
            ["LingHuo__Documents__Keys__0__Secret"] = "aXNzdWluZy1jcmFzaC10ZXN0cy1zZWFsaW5nLWtleSEh",
        };
        var numbers = new List<string>();
        int siloPort, gatewayPort;
        await using (var silo = await SiloProcess.StartAsync(Database.ConnectionString, _clusterId, environment: environment))
        using (var client = await SiloProcess.ConnectAsync(Database.ConnectionString, _clusterId))
        {
            (siloPort, gatewayPort) = (silo.SiloPort, silo.GatewayPort);
            var grains = client.Services.GetRequiredService<IClusterClient>();
            // Each is accepted at once, so each calls for an acceptance notice; all are acknowledged together, and the
            // silo dies while its issuer renders them (one batch, one transaction).
            var submitted = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => grains.SubmitAsync(Scenario.Request())));
            numbers.AddRange(submitted.Select(a => a.Number.Value));
            silo.Kill();
        }

        await using var restarted = await SiloProcess.StartAsync(Database.ConnectionString, _clusterId, siloPort, gatewayPort, environment);
        await Polling.EventuallyAsync(
            () => Database.ScalarAsync<long>("select count(*) from documents"), n => n == numbers.Count, TimeSpan.FromSeconds(60), "every notice issued after the restart");

        Assert.Equal(numbers.Count, await Database.ScalarAsync<long>("select count(distinct application_number) from documents"));
        Assert.Equal(numbers.Count, await Database.ScalarAsync<long>("select max(split_part(number, '-', 3)::bigint) from documents"));
        Assert.Equal((long)numbers.Count, await Database.ScalarAsync<long>("select last from document_numbers"));
    }
}
