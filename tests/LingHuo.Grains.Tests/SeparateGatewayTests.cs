using System.Globalization;
using Grpc.Net.Client;
using LingHuo.Contracts;
using LingHuo.Domain.Cases;
using LingHuo.Testing;
using P = LingHuo.Protos.V1;

namespace LingHuo.Grains.Tests;

/// <summary>
/// The gateway hosted on its own, as an Orleans client of a silo process, over real PostgreSQL membership kept in a
/// database of its own (both find each other there; the cases stay in theirs).
/// </summary>
public sealed class SeparateGatewayTests : OwnDatabase
{
    private readonly string _clusterId = "gw-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task GatewayProcess_ServesTheApi_ForASiloWithoutOne()
    {
        await using var membership = await TestDatabase.CreateAsync("linghuo_membership_");
        await using var silo = await SiloProcess.StartAsync(Database.ConnectionString, _clusterId, environment: new Dictionary<string, string>
        {
            ["LingHuo__Gateway__Enabled"] = "false",
            ["LingHuo__Storage__ClusterConnectionString"] = membership.ConnectionString,
        });
        await using var gateway = await SiloProcess.StartAsync(Database.ConnectionString, _clusterId, environment: new Dictionary<string, string>
        {
            ["LingHuo__Role"] = "Gateway",
            ["LingHuo__Gateway__Port"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["LingHuo__Storage__ClusterConnectionString"] = membership.ConnectionString,
        }, readyMarker: "LingHuo gateway ready");

        Assert.Null(silo.GrpcAddress);
        await Polling.EventuallyAsync(() => Task.FromResult(gateway.GrpcAddress), a => a is not null, what: "the gateway's gRPC address");
        using var channel = GrpcChannel.ForAddress(gateway.GrpcAddress!);
        var applications = new P.ApplicationService.ApplicationServiceClient(SiloProcess.As(channel, SiloProcess.Token(CallerRole.Clerk, county: "530102")));
        var request = Scenario.Request();
        var details = new P.ApplicationDetails
        {
            IdentityNumber = request.IdentityNumber,
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

        var submitted = await applications.SubmitApplicationAsync(new P.SubmitApplicationRequest { RequestId = Scenario.NewRequestId(), Details = details });
        var read = await applications.GetApplicationAsync(new P.GetApplicationRequest { Number = submitted.Application.Number });

        Assert.Equal(P.ApplicationStatus.Accepted, read.Application.Status);
        Assert.Equal(submitted.Application.Version, (await Database.EventsAsync(ApplicationNumber.Trusted(submitted.Application.Number))).Count);
        Assert.Equal(0L, await Database.ScalarAsync<long>("select count(*) from orleans_cluster_member"));
    }
}
