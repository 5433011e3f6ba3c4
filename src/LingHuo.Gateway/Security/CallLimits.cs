using System.Threading.RateLimiting;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using LingHuo.Contracts;
using Microsoft.Extensions.Options;

namespace LingHuo.Gateway.Security;

/// <summary>
/// Per-caller limits: a token bucket of calls per second by role, and a cap on open server streams (watches, feeds);
/// the services without a token have a bucket per client address. A call over a limit is RESOURCE_EXHAUSTED with
/// RetryInfo saying when to try again. Health and reflection are free.
/// </summary>
public sealed class CallLimits : Interceptor, IDisposable
{
    private readonly PartitionedRateLimiter<Caller> _calls;
    private readonly PartitionedRateLimiter<Caller> _streams;
    private readonly PartitionedRateLimiter<string> _public;

    public CallLimits(IOptions<LimitSettings> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _calls = PartitionedRateLimiter.Create<Caller, (CallerRole, string, string)>(caller =>
        {
            var perSecond = settings.CallsPerSecond.GetValueOrDefault(caller.Role, 10);
            return RateLimitPartition.GetTokenBucketLimiter((caller.Role, caller.Issuer, caller.Subject), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = perSecond * 2,
                TokensPerPeriod = perSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
        _public = PartitionedRateLimiter.Create<string, string>(address =>
            RateLimitPartition.GetTokenBucketLimiter(address, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = settings.PublicCallsPerSecond * 2,
                TokensPerPeriod = settings.PublicCallsPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
        _streams = PartitionedRateLimiter.Create<Caller, (CallerRole, string, string)>(caller =>
            RateLimitPartition.GetConcurrencyLimiter((caller.Role, caller.Issuer, caller.Subject), _ => new ConcurrencyLimiterOptions
            {
                PermitLimit = settings.StreamsPerCaller,
                QueueLimit = 0,
            }));
    }

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        if (context.Method.StartsWith(PublicPrefix, StringComparison.Ordinal))
        {
            using var lease = _public.AttemptAcquire(context.GetHttpContext().Connection.RemoteIpAddress?.ToString() ?? "unknown");
            Check(lease, "Too many lookups from this address: slow down / 该地址查询过于频繁，请稍后再试");
        }
        else if (Limited(context) is { } caller)
        {
            using var lease = _calls.AttemptAcquire(caller);
            Check(lease, "Too many calls: slow down / 调用过于频繁，请稍后再试");
        }

        return continuation(request, context);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        if (Limited(context) is not { } caller)
        {
            await continuation(request, responseStream, context);
            return;
        }

        using (var call = _calls.AttemptAcquire(caller))
        {
            Check(call, "Too many calls: slow down / 调用过于频繁，请稍后再试");
        }

        using var stream = _streams.AttemptAcquire(caller);
        Check(stream, "Too many open streams for this caller: close one first / 该调用方打开的订阅过多，请先关闭一个");
        await continuation(request, responseStream, context);
    }

    public void Dispose()
    {
        _public.Dispose();
        _calls.Dispose();
        _streams.Dispose();
    }

    private const string PublicPrefix = "/linghuo.v1.PublicService/";

    private static Caller? Limited(ServerCallContext context) =>
        context.Method.StartsWith("/grpc.", StringComparison.Ordinal) ? null : Caller.Of(context);

    private static void Check(RateLimitLease lease, string message)
    {
        if (lease.IsAcquired)
        {
            return;
        }

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
        throw new Google.Rpc.Status
        {
            Code = (int)Code.ResourceExhausted,
            Message = message,
            Details =
            {
                Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(retryAfter) }),
                Any.Pack(new ErrorInfo { Reason = "RATE_LIMITED", Domain = Errors.Domain }),
            },
        }.ToRpcException();
    }
}
