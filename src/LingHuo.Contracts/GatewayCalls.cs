using Grpc.Core;
using Grpc.Core.Interceptors;

namespace LingHuo.Protos;

/// <summary>
/// What every call to the gateway carries: the caller's bearer token, and a deadline on each unary call that has none
/// (streams run as long as the caller reads them).
/// </summary>
public sealed class GatewayCalls(string? token, TimeSpan unaryDeadline) : Interceptor
{
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(30);

    /// <summary>A call invoker over <paramref name="channel"/> that adds the token and deadlines.</summary>
    public static CallInvoker Over(ChannelBase channel, string? token, TimeSpan? unaryDeadline = null)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return channel.Intercept(new GatewayCalls(token, unaryDeadline ?? DefaultDeadline));
    }

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        var options = With(context.Options);
        return continuation(request, new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host,
            options.Deadline is null ? options.WithDeadline(DateTime.UtcNow + unaryDeadline) : options));
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return continuation(request, new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, With(context.Options)));
    }

    private CallOptions With(CallOptions options)
    {
        if (string.IsNullOrEmpty(token))
        {
            return options;
        }

        var headers = new Metadata();
        foreach (var entry in options.Headers ?? [])
        {
            headers.Add(entry);
        }

        headers.Add("authorization", "Bearer " + token);
        return options.WithHeaders(headers);
    }
}
