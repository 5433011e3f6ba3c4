using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Balancer;
using Grpc.Net.Client.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LingHuo.Contracts;

/// <summary>
/// A channel to one gateway, or to several (comma-separated) balanced round robin on the client: calls go to the
/// gateways whose connection is up, so one that dies is skipped until it comes back. A call that fails UNAVAILABLE
/// (a gateway gone mid-call, or a cluster briefly without the grain) is tried again: every command carries a
/// request id, so a retry never applies anything twice.
/// </summary>
public static class GatewayChannels
{
    private static readonly MethodConfig RetryUnavailable = new()
    {
        Names = { MethodName.Default },
        RetryPolicy = new RetryPolicy
        {
            MaxAttempts = 4,
            InitialBackoff = TimeSpan.FromMilliseconds(200),
            MaxBackoff = TimeSpan.FromSeconds(2),
            BackoffMultiplier = 2,
            RetryableStatusCodes = { StatusCode.Unavailable },
        },
    };

    public static GrpcChannel For(string addresses)
    {
        var uris = addresses.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(a => new Uri(a)).ToArray();
        if (uris.Length == 0)
        {
            throw new ArgumentException("--address needs at least one gRPC address, e.g. http://127.0.0.1:5080.");
        }

        if (uris.Length == 1)
        {
            return GrpcChannel.ForAddress(uris[0], new GrpcChannelOptions { ServiceConfig = new ServiceConfig { MethodConfigs = { RetryUnavailable } } });
        }

        var services = new ServiceCollection();
        services.AddSingleton<ResolverFactory>(new StaticResolverFactory(_ => uris.Select(u => new BalancerAddress(u.Host, u.Port))));
        return GrpcChannel.ForAddress("static:///linghuo", new GrpcChannelOptions
        {
            Credentials = ChannelCredentials.Insecure,
            ServiceConfig = new ServiceConfig { LoadBalancingConfigs = { new RoundRobinConfig() }, MethodConfigs = { RetryUnavailable } },
            ServiceProvider = services.BuildServiceProvider(),
        });
    }
}
