using System.Net;
using LingHuo.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace LingHuo.Silo;

public static class ListenerComposition
{
    /// <summary>
    /// gRPC over HTTP/2 only (no TLS: a load balancer or mesh terminates it in production), with the gateway's services;
    /// the same services as JSON and gRPC-Web on the web port when configured; health, metrics and the dashboard on their
    /// own plain-HTTP port for probes, scrapers and browsers.
    /// </summary>
    public static WebApplicationBuilder AddLingHuoListeners(this WebApplicationBuilder builder, HostSettings host)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(host);
        var (gateway, management) = (host.Gateway, host.Management);
        var address = IPAddress.TryParse(gateway.Address, out var parsed)
            ? parsed
            : throw new InvalidOperationException($"LingHuo:Gateway:Address '{gateway.Address}' is not an IP address.");
        var managementAddress = IPAddress.TryParse(management.Address, out var parsedManagement)
            ? parsedManagement
            : throw new InvalidOperationException($"LingHuo:Management:Address '{management.Address}' is not an IP address.");
        if (management.Port > 0 && management.Dashboard && !gateway.Enabled)
        {
            throw new InvalidOperationException(
                "LingHuo:Management:Dashboard is on but this host serves no gateway: the dashboard admits operators by the gateway's token issuers (LingHuo:Auth), so it runs where the gateway does.");
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = GatewayHosting.MaxRequestBytes;
            if (gateway.Enabled)
            {
                kestrel.Listen(address, gateway.Port, listen => listen.Protocols = HttpProtocols.Http2);
                if (gateway.WebPort > 0)
                {
                    kestrel.Listen(address, gateway.WebPort, listen => listen.Protocols = HttpProtocols.Http1AndHttp2);
                }
            }

            if (management.Port > 0)
            {
                kestrel.Listen(managementAddress, management.Port, listen => listen.Protocols = HttpProtocols.Http1);
            }
        });
        if (gateway.Enabled)
        {
            builder.Services.AddLingHuoGateway(builder.Configuration, gateway.CorsOrigins);
        }
        else if (management.Port == 0)
        {
            // Kestrel with no endpoint would fall back to localhost:5000; a silo without the gateway listens for nothing.
            builder.Services.AddSingleton<IServer, NoServer>();
        }

        return builder;
    }
}
