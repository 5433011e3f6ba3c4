using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using LingHuo.Contracts;
using LingHuo.Testing;
using P = LingHuo.Protos.V1;

namespace LingHuo.Grains.Tests;

/// <summary>A silo process killed with SIGKILL while work flows to a department subscriber: no event is lost.</summary>
public sealed class FeedCrashTests : OwnDatabase
{
    private readonly string _clusterId = "feed-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task SiloKilledWhileEventsFlow_TheSubscriberResumesAndMissesNothing()
    {
        var ports = (Silo: FreePorts.Next(), Gateway: FreePorts.Next(), Grpc: FreePorts.Next());
        var environment = new Dictionary<string, string> { ["LingHuo__Gateway__Port"] = ports.Grpc.ToString(CultureInfo.InvariantCulture) };
        var address = $"http://127.0.0.1:{ports.Grpc}";
        var silo = await SiloProcess.StartAsync(Database.ConnectionString, _clusterId, ports.Silo, ports.Gateway, environment);
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        // Never leave a silo process behind, whatever fails below.
        await using var cleanup = new Cleanup(() => silo);

        // The subscriber: reconnects from its last sequence whenever the stream breaks, as a department system would.
        var received = new List<P.SubscribeWorkItemsResponse>();
        var subscriber = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var channel = GrpcChannel.ForAddress(address);
                    var after = received.Count == 0 ? 0 : received[^1].Sequence;
                    var department = SiloProcess.As(channel, SiloProcess.Token(CallerRole.Department, department: Domain.Catalog.Department.MedicalSecurity, jurisdiction: "530102"));
                    using var call = new P.DepartmentService.DepartmentServiceClient(department).SubscribeWorkItems(
                        new P.SubscribeWorkItemsRequest { Department = P.Department.MedicalSecurity, Jurisdiction = "530102", AfterSequence = after }, cancellationToken: stop.Token);
                    await foreach (var item in call.ResponseStream.ReadAllAsync(stop.Token))
                    {
                        lock (received)
                        {
                            received.Add(item);
                        }
                    }
                }
                catch (RpcException) when (!stop.IsCancellationRequested)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(200));
                }
                catch (Exception e) when (stop.IsCancellationRequested && e is OperationCanceledException or RpcException)
                {
                    return;
                }
            }
        });

        // Submissions before, during and after the kill; each retried with its request id until acknowledged.
        var acknowledged = new List<string>();
        async Task SubmitAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                var request = new P.SubmitApplicationRequest { RequestId = Scenario.NewRequestId(), Details = Details() };
                var number = await Polling.EventuallyAsync(
                    async () =>
                    {
                        try
                        {
                            using var channel = GrpcChannel.ForAddress(address);
                            var clerk = SiloProcess.As(channel, SiloProcess.Token(CallerRole.Clerk, county: "530102"));
                            return (await new P.ApplicationService.ApplicationServiceClient(clerk).SubmitApplicationAsync(request)).Application.Number;
                        }
                        catch (RpcException)
                        {
                            return null;
                        }
                    },
                    n => n is not null,
                    TimeSpan.FromSeconds(60),
                    "submission acknowledged");
                acknowledged.Add(number!);
            }
        }

        await SubmitAsync(5);
        await Polling.EventuallyAsync(() => Task.FromResult(Count()), c => c >= 2, what: "the first items delivered");
        silo.Kill();
        await silo.DisposeAsync();
        silo = await SiloProcess.StartAsync(Database.ConnectionString, _clusterId, ports.Silo, ports.Gateway, environment);
        await SubmitAsync(5);

        await Polling.EventuallyAsync(() => Task.FromResult(Count()), c => c >= acknowledged.Count, TimeSpan.FromSeconds(60), "every acknowledged submission delivered");
        await stop.CancelAsync();
        await subscriber;

        List<P.SubscribeWorkItemsResponse> items;
        lock (received)
        {
            items = [.. received];
        }

        Assert.Equal(Enumerable.Range(1, items.Count).Select(i => (long)i), items.Select(i => i.Sequence));
        Assert.Equal(acknowledged, items.Select(i => i.ApplicationNumber));
        Assert.All(items, i => Assert.Equal((P.Matter.MedicalInsurance, "MatterReady"), (i.Event.Matter, i.Event.Type)));

        int Count()
        {
            lock (received)
            {
                return received.Count;
            }
        }
    }

    private sealed class Cleanup(Func<SiloProcess> current) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => current().DisposeAsync();
    }

    private static P.ApplicationDetails Details() => new()
    {
        IdentityNumber = Identities.Next(),
        Declaration = new P.ApplicantDeclaration { EmploymentForm = P.EmploymentForm.OtherFlexibleEmployment },
        Channel = P.Channel.Online,
        CountyCode = "530102",
        Matters = { P.Matter.SocialInsuranceRegistration, P.Matter.MedicalInsurance },
        Materials =
        {
            new P.ProvidedMaterial { Material = P.Material.ApplicationForm, Source = P.MaterialSource.Upload, Reference = "f" },
            new P.ProvidedMaterial { Material = P.Material.IdentityDocument, Source = P.MaterialSource.Upload, Reference = "i" },
        },
        Pledge = new P.Pledge { Agreed = true, Version = "2026-01" },
        ApplicantName = "张三",
    };
}
