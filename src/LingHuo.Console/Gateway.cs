using Grpc.Core;
using Grpc.Net.Client;
using LingHuo.Contracts;

namespace LingHuo.Console;

/// <summary>The one channel to the gateway (HTTP/2 gRPC), shared by every user's calls.</summary>
public sealed class Gateway(ConsoleSettings settings) : IDisposable
{
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(settings.Gateway);

    public CallInvoker As(string? token) => GatewayCalls.Over(_channel, token);

    public void Dispose() => _channel.Dispose();
}
