using Grpc.Core;
using LingHuo.Grains.Abstractions;
using LingHuo.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace LingHuo.Gateway.Tests;

/// <summary>
/// Data that PostgreSQL refuses is no outage: were it answered UNAVAILABLE ("retry with the same request id"), a client
/// that trusts the status would retry for ever. The errors here are real ones, raised by the fixture's database.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class StorageRefusalTests(GatewayFixture fixture)
{
    private async Task<PostgresException> RefusalOf(string sql)
    {
        await using var command = fixture.Database.CreateCommand(sql);
        return await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task ANulInJson_IsADataRefusal_WhereverItIsWrapped()
    {
        var refused = await RefusalOf("""select '{"recipient": "张\u0000三"}'::jsonb""");

        Assert.Equal("22P05", CaseDataRefusedException.RefusedDataState(refused));
        Assert.Equal("22P05", CaseDataRefusedException.RefusedDataState(new InvalidOperationException("the storage provider's wrapper", refused)));
        Assert.Equal("22P05", CaseDataRefusedException.RefusedDataState(new AggregateException(new TimeoutException(), refused)));
    }

    [Fact]
    public async Task AnOutage_IsNoDataRefusal()
    {
        var connectionFailure = await RefusalOf("do $$ begin raise exception 'connection lost' using errcode = '08006'; end $$");
        var cancelled = await RefusalOf("do $$ begin raise exception 'statement timeout' using errcode = '57014'; end $$");

        Assert.Null(CaseDataRefusedException.RefusedDataState(connectionFailure));
        Assert.Null(CaseDataRefusedException.RefusedDataState(cancelled));
        Assert.Null(CaseDataRefusedException.RefusedDataState(new TimeoutException()));
    }

    [Fact]
    public async Task TheGateway_AnswersADataRefusalAsInternal_NotUnavailable_WithoutTheData()
    {
        var refused = await RefusalOf("""select '{"recipient": "张\u0000三丰"}'::jsonb""");
        var interceptor = new ExceptionInterceptor(NullLogger<ExceptionInterceptor>.Instance);

        var e = await Assert.ThrowsAsync<RpcException>(() =>
            interceptor.UnaryServerHandler<string, string>("request", new Context(), (_, _) => throw new CaseStorageWrapperException(refused)));

        Assert.Equal(StatusCode.Internal, e.StatusCode);
        Assert.Contains("STORAGE_REFUSED_DATA", Requests.Reasons(e));
        Assert.DoesNotContain("三丰", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheGateway_StillAnswersAnOutageAsUnavailable()
    {
        var interceptor = new ExceptionInterceptor(NullLogger<ExceptionInterceptor>.Instance);

        var e = await Assert.ThrowsAsync<RpcException>(() =>
            interceptor.UnaryServerHandler<string, string>("request", new Context(), (_, _) => throw new CaseStorageException("down")));

        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
        Assert.Contains("STORAGE_UNAVAILABLE", Requests.Reasons(e));
    }

    /// <summary>How a storage provider hands on the driver's exception.</summary>
    private sealed class CaseStorageWrapperException(Exception inner) : Exception("Write failed", inner);

    private sealed class Context : ServerCallContext
    {
        protected override string MethodCore => "/linghuo.v1.ApplicationService/SubmitApplication";

        protected override string HostCore => "localhost";

        protected override string PeerCore => "ipv4:127.0.0.1:1";

        protected override DateTime DeadlineCore => DateTime.MaxValue;

        protected override Metadata RequestHeadersCore { get; } = [];

        protected override CancellationToken CancellationTokenCore => CancellationToken.None;

        protected override Metadata ResponseTrailersCore { get; } = [];

        protected override Status StatusCore { get; set; }

        protected override WriteOptions? WriteOptionsCore { get; set; }

        protected override AuthContext AuthContextCore => new(null, []);

        protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) => throw new NotSupportedException();

        protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
    }
}
