using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LingHuo.Silo;

/// <summary>One line when the silo serves, for operators and for scripts that wait for it; then its addresses.</summary>
internal sealed partial class ReadyAnnouncer(IHostApplicationLifetime lifetime, IServer server, ILogger<ReadyAnnouncer> logger, HostSettings host) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var cluster = host.Cluster;
            if (host.Role == HostRole.Silo)
            {
                LogReady(logger, cluster.ClusterId, cluster.SiloPort, cluster.GatewayPort, host.Storage.Provider);
            }
            else
            {
                LogGatewayReady(logger, cluster.ClusterId);
            }

            foreach (var address in server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
            {
                var port = new Uri(address).Port;
                Console.WriteLine(port == host.Management.Port ? $"Management: {address}" : port == host.Gateway.WebPort ? $"REST/JSON, gRPC-Web: {address}" : $"gRPC: {address}");
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "LingHuo silo ready: cluster {ClusterId}, silo 127.0.0.1:{SiloPort}, gateway 127.0.0.1:{GatewayPort}, storage {Storage}")]
    private static partial void LogReady(ILogger logger, string clusterId, int siloPort, int gatewayPort, StorageProvider storage);

    [LoggerMessage(Level = LogLevel.Information, Message = "LingHuo gateway ready: a client of cluster {ClusterId}")]
    private static partial void LogGatewayReady(ILogger logger, string clusterId);
}
