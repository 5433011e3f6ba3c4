using Grpc.Core;
using Grpc.Net.Client;
using LingHuo.Persistence;
using LingHuo.Persistence.Audit;
using LingHuo.Persistence.EventLog;
using LingHuo.Persistence.Search;
using LingHuo.Silo;
using LingHuo.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using P = LingHuo.Protos.V1;

namespace LingHuo.Gateway.Tests;

/// <summary>
/// Everything in memory: cases work, and what needs PostgreSQL (the event log, feeds, search, the access audit) is one
/// explicit stand-in that says so as FAILED_PRECONDITION, chosen once by the composition.
/// </summary>
public sealed class MemoryModeTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private GrpcChannel _channel = null!;
    private CallInvoker _invoker = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LingHuo:Storage:Provider"] = "Memory",
            ["LingHuo:Cluster:ClusterId"] = "memory-tests-" + Guid.NewGuid().ToString("N")[..8],
            ["LingHuo:Cluster:SiloPort"] = FreePorts.NextText(),
            ["LingHuo:Cluster:GatewayPort"] = FreePorts.NextText(),
            ["LingHuo:Gateway:Port"] = "0",
            ["LingHuo:Applicants:KeySecret"] = GatewayFixture.KeySecret,
            ["LingHuo:Cases:Acceptance:Mode"] = "Auto",
        });
        builder.Configuration.AddInMemoryCollection(Callers.Configuration());
        builder.AddLingHuoSilo();
        _app = builder.Build();
        _app.MapLingHuoEndpoints();
        await _app.StartAsync();
        _channel = GrpcChannel.ForAddress(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        _invoker = Callers.Natural(_channel);
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public void TheReadSide_IsOneExplicitStandIn()
    {
        var standIn = _app.Services.GetRequiredService<UnavailableInMemoryMode>();

        Assert.Same(standIn, _app.Services.GetRequiredService<ICaseLog>());
        Assert.Same(standIn, _app.Services.GetRequiredService<IDepartmentFeeds>());
        Assert.Same(standIn, _app.Services.GetRequiredService<IApplicationSearch>());
        Assert.Same(standIn, _app.Services.GetRequiredService<IAccessAudit>());
    }

    [Fact]
    public async Task Cases_Work_AndWhatNeedsPostgreSql_SaysSo()
    {
        var applications = new P.ApplicationService.ApplicationServiceClient(_invoker);
        var submitted = await applications.SubmitApplicationAsync(Requests.Submit());
        Assert.Equal(P.ApplicationStatus.Accepted, submitted.Application.Status);

        var queries = new P.QueryService.QueryServiceClient(_invoker);
        await Refused(() => queries.SearchApplicationsAsync(new P.SearchApplicationsRequest()).ResponseAsync, "Search needs PostgreSQL");
        await Refused(() => queries.ListAccessRecordsAsync(new P.ListAccessRecordsRequest()).ResponseAsync, "The access audit needs PostgreSQL");
        await Refused(
            async () =>
            {
                using var watch = applications.WatchApplication(new P.WatchApplicationRequest { Number = submitted.Application.Number });
                await watch.ResponseStream.MoveNext();
            },
            "Watching needs PostgreSQL");
        await Refused(
            async () =>
            {
                using var feed = new P.DepartmentService.DepartmentServiceClient(_invoker).SubscribeWorkItems(
                    new P.SubscribeWorkItemsRequest { Department = P.Department.Tax, Jurisdiction = "53" });
                await feed.ResponseStream.MoveNext();
            },
            "Work feeds need PostgreSQL");
    }

    private static async Task Refused(Func<Task> call, string message)
    {
        var e = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.StartsWith(message, e.Status.Detail, StringComparison.Ordinal);
    }
}
