using LingHuo.Grains.Abstractions;
using LingHuo.Runtime;
using Microsoft.Extensions.Configuration;
using Orleans.Serialization;

namespace LingHuo.Grains;

public static class CaseHosting
{
    /// <summary>What every silo needs to host the case grains, whatever the storage.</summary>
    public static ISiloBuilder AddLingHuoCases(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddSerializer(s => s.AddLingHuoDomainTypes());

        // Notices only (the log is the source), so in-memory streams and subscriptions are enough: a notice lost with a
        // silo costs a consumer a moment until its next read of the log, never an event. The pulling agents look every
        // 20 ms rather than Orleans' 100 ms: a notice is the latency of a department's live feed.
        silo.AddMemoryStreams(StreamNames.Provider, streams => streams.ConfigurePullingAgent(agent =>
            agent.Configure(o => o.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(20))));
        silo.AddMemoryGrainStorage(StreamNames.PubSubStore);
        silo.Services.AddLingHuoCaseServices(configuration);
        return silo;
    }
}
