using System.Diagnostics.Metrics;
using Grpc.Core;
using LingHuo.Runtime;
using LingHuo.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LingHuo.Gateway.Tests;

/// <summary>
/// A submission is pre-checked once: by the applicant grain when it can be routed there, else (no usable identity, or
/// fields that did not map) by the gateway, which then answers every reason itself.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class PrecheckOnceTests(GatewayFixture fixture)
{
    public static TheoryData<string> Submissions => ["accepted", "missing materials", "bad identity", "unknown matter"];

    [Theory]
    [MemberData(nameof(Submissions))]
    public async Task ASubmission_IsPrecheckedOnce_WhereverItIsDecided(string submission)
    {
        var details = Requests.AllNine();
        switch (submission)
        {
            case "missing materials":
                details.Materials.Clear();
                break;
            case "bad identity":
                details.IdentityNumber = "530102199001011234";
                break;
            case "unknown matter":
                details.Matters.Add((Protos.V1.Matter)99);
                break;
        }

        using var prechecks = new PrecheckCounter(fixture.Services);
        var call = fixture.Applications.SubmitApplicationAsync(Requests.Submit(details)).ResponseAsync;
        if (submission is "accepted" or "missing materials")
        {
            await call;
        }
        else
        {
            await Assert.ThrowsAsync<RpcException>(() => call);
        }

        Assert.Equal(1, prechecks.Count);
    }

    [Fact]
    public async Task APrecheckCall_IsOnePrecheck()
    {
        using var prechecks = new PrecheckCounter(fixture.Services);

        await fixture.Applications.PrecheckApplicationAsync(new Protos.V1.PrecheckApplicationRequest { Details = Requests.AllNine() });

        Assert.Equal(1, prechecks.Count);
    }

    /// <summary>Counts the pre-checks this fixture's host reports (its own meter instance, so other hosts do not count).</summary>
    private sealed class PrecheckCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _count;

        public PrecheckCounter(IServiceProvider services)
        {
            var meter = services.GetRequiredService<IMeterFactory>().Create(CaseMetrics.MeterName);
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter, meter) && instrument.Name == CaseMetrics.PrecheckInstrument)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _count, value));
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }
}
