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
        // silo costs a consumer a moment until its next read of the log, never an event.
        silo.AddMemoryStreams(StreamNames.Provider);
        silo.AddMemoryGrainStorage(StreamNames.PubSubStore);
        silo.Services.AddLingHuoCaseServices(configuration);
        return silo;
    }
}
