using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using LingHuo.ServiceDefaults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LingHuo.Silo;

/// <summary>One line when the silo serves, for operators and for scripts that wait for it; then its addresses.</summary>
internal sealed partial class ReadyAnnouncer(IHostApplicationLifetime lifetime, IServer server, ILogger<ReadyAnnouncer> logger, HostSettings host, IConfiguration configuration) : IHostedService
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

            // Plain lines for people and scripts; with JSON logs, log lines like every other, so the stream stays one format.
            var json = configuration.GetValue<ConsoleLogFormat>("LingHuo:Telemetry:ConsoleLogs") == ConsoleLogFormat.Json;
            foreach (var address in server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
            {
                var port = new Uri(address).Port;
                var kind = port == host.Management.Port ? "Management" : port == host.Gateway.WebPort ? "REST/JSON, gRPC-Web" : "gRPC";
                if (json)
                {
                    LogAddress(logger, kind, address);
                }
                else
                {
                    Console.WriteLine($"{kind}: {address}");
                }
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "LingHuo silo ready: cluster {ClusterId}, silo 127.0.0.1:{SiloPort}, gateway 127.0.0.1:{GatewayPort}, storage {Storage}")]
    private static partial void LogReady(ILogger logger, string clusterId, int siloPort, int gatewayPort, StorageProvider storage);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Kind}: {Address}")]
    private static partial void LogAddress(ILogger logger, string kind, string address);

    [LoggerMessage(Level = LogLevel.Information, Message = "LingHuo gateway ready: a client of cluster {ClusterId}")]
    private static partial void LogGatewayReady(ILogger logger, string clusterId);
}
