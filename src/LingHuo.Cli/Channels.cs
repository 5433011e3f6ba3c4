using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Balancer;
using Grpc.Net.Client.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LingHuo.Cli;

/// <summary>
/// A channel to one gateway, or to several (comma-separated) balanced round robin on the client: calls go to the
/// gateways whose connection is up, so one that dies is skipped until it comes back.
/// </summary>
internal static class Channels
{
    public static GrpcChannel For(string addresses)
    {
        var uris = addresses.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(a => new Uri(a)).ToArray();
        if (uris.Length == 0)
        {
            throw new ArgumentException("--address needs at least one gRPC address, e.g. http://127.0.0.1:5080.");
        }

        if (uris.Length == 1)
        {
            return GrpcChannel.ForAddress(uris[0]);
        }

        var services = new ServiceCollection();
        services.AddSingleton<ResolverFactory>(new StaticResolverFactory(_ => uris.Select(u => new BalancerAddress(u.Host, u.Port))));
        return GrpcChannel.ForAddress("static:///linghuo", new GrpcChannelOptions
        {
            Credentials = ChannelCredentials.Insecure,
            ServiceConfig = new ServiceConfig { LoadBalancingConfigs = { new RoundRobinConfig() } },
            ServiceProvider = services.BuildServiceProvider(),
        });
    }
}
