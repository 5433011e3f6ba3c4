using System.Data.Common;
using Grpc.Core;
using Grpc.Core.Interceptors;
using LingHuo.Grains.Abstractions;
using LingHuo.Persistence;
using Microsoft.Extensions.Logging;

namespace LingHuo.Gateway;

/// <summary>
/// Failures that are not refusals: storage or cluster trouble becomes UNAVAILABLE (retry with the same request id); data
/// the store refused is INTERNAL / STORAGE_REFUSED_DATA (no retry helps); a feature that needs PostgreSQL while everything
/// runs in memory is FAILED_PRECONDITION; anything else is INTERNAL with no detail leaked, and is logged.
/// </summary>
public sealed partial class ExceptionInterceptor(ILogger<ExceptionInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw Translate(e, context.Method);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception e) when (e is not RpcException && !context.CancellationToken.IsCancellationRequested)
        {
            throw Translate(e, context.Method);
        }
    }

    private RpcException Translate(Exception e, string method)
    {
        // Not an outage: answering UNAVAILABLE would have a client retry for ever. The driver's message may quote the data.
        var refusedState = CaseDataRefusedException.RefusedDataState(e);
        if (e is CaseDataRefusedException || refusedState is not null)
        {
            LogDataRefused(logger, method, refusedState ?? "see the silo's log");
            return Errors.StorageRefusedData();
        }

        if (e is StorageUnavailableException)
        {
            return new RpcException(new Status(StatusCode.FailedPrecondition, e.Message));
        }

        if (e is CaseStorageException or TimeoutException or SiloUnavailableException or OrleansException or DbException)
        {
            LogUnavailable(logger, e, method);
            return Errors.Unavailable("The case store is unavailable; nothing was applied. Retry with the same request id.", "案件存储暂不可用，本次操作未生效，请用同一请求编号重试。");
        }

        LogInternal(logger, e, method);
        return new RpcException(new Status(StatusCode.Internal, "Internal error / 内部错误"));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} failed: storage or cluster unavailable")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string method);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} failed: the store refused the data (SQLSTATE {SqlState})")]
    private static partial void LogDataRefused(ILogger logger, string method, string sqlState);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} failed unexpectedly")]
    private static partial void LogInternal(ILogger logger, Exception exception, string method);
}
