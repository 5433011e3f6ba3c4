using LingHuo.Domain.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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

    /// <summary>A client of the cluster needs the same domain serialization.</summary>
    public static IClientBuilder AddLingHuoClient(this IClientBuilder client)
    {
        client.Services.AddSerializer(s => s.AddLingHuoDomainTypes());
        client.AddMemoryStreams(StreamNames.Provider);
        return client;
    }

    /// <summary>
    /// What both silos and a separately hosted gateway use: options from <c>LingHuo:Cases</c> (validated at start), the
    /// business clock, the calendar kept in step with the loaded schedules, and the applicant key.
    /// </summary>
    public static IServiceCollection AddLingHuoCaseServices(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CaseOptions>()
            .Bind(configuration.GetSection(CaseOptions.Section))
            .Validate(o => o.Policy.Validate().IsOk && o.DeadlineCheckInterval > TimeSpan.Zero && o.RememberedRequests > 0, "LingHuo:Cases is not valid.")
            .ValidateOnStart();
        services.AddKeyedSingleton(ServiceKeys.BusinessClock, TimeProvider.System);
        services.AddSingleton<CalendarHolder>();
        services.AddMetrics();
        services.AddSingleton<CaseMetrics>();
        services.AddHostedService<CalendarSync>();
        services.AddSingleton(_ => ApplicantKeys.FromBase64(configuration["LingHuo:Applicants:KeySecret"]));
        return services;
    }
}
