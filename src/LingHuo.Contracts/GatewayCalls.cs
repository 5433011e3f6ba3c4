using Grpc.Core;
using Grpc.Core.Interceptors;

namespace LingHuo.Contracts;

/// <summary>
/// What every call to the gateway carries: the caller's bearer token (one for all calls, or chosen per request), and a
/// deadline on each unary call that has none (streams run as long as the caller reads them). A call that already
/// carries an authorization header keeps it.
/// </summary>
public sealed class GatewayCalls(Func<object, string?> tokenFor, TimeSpan? unaryDeadline) : Interceptor
{
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(30);

    /// <summary>A call invoker over <paramref name="channel"/> that adds the token and deadlines.</summary>
    public static CallInvoker Over(ChannelBase channel, string? token, TimeSpan? unaryDeadline = null) =>
        Over(channel, _ => token, unaryDeadline ?? DefaultDeadline);

    /// <summary>Calls whose token depends on the request (load generators, tests); no deadline unless given.</summary>
    public static CallInvoker Over(ChannelBase channel, Func<object, string?> tokenFor, TimeSpan? unaryDeadline)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return channel.Intercept(new GatewayCalls(tokenFor, unaryDeadline));
    }

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        var options = With(request, context.Options);
        if (unaryDeadline is { } deadline && options.Deadline is null)
        {
            options = options.WithDeadline(DateTime.UtcNow + deadline);
        }

        return continuation(request, new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, options));
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return continuation(request, new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, With(request, context.Options)));
    }

    private CallOptions With(object request, CallOptions options)
    {
        if (options.Headers?.Get("authorization") is not null || tokenFor(request) is not { Length: > 0 } token)
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
