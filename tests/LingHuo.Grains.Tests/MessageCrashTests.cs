using LingHuo.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LingHuo.Grains.Tests;

/// <summary>
/// A silo process killed with SIGKILL while its text messages are on the wire: after a restart every message reaches
/// the platform, and by its idempotency key each is processed exactly once.
/// </summary>
public sealed class MessageCrashTests : OwnDatabase
{
    private readonly string _clusterId = "messages-" + Guid.NewGuid().ToString("N")[..8];

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
            await Polling.EventuallyAsync(() => Task.FromResult(keys.Count(k => receiver.AttemptsOf(k) == 1)), n => n == keys.Count, what: "every message on the wire");
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
}
