using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace LingHuo.Grains;

public static class CaseHosting
{
    /// <summary>
    /// What every silo needs to host the case grains, whatever the storage: domain serialization, options from
    /// <c>LingHuo:Cases</c> (validated at start), the business clock, the calendar and the applicant key.
    /// </summary>
    public static ISiloBuilder AddLingHuoCases(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        silo.Services.AddSerializer(s => s.AddLingHuoDomainTypes());
        silo.Services.AddOptions<CaseOptions>()
            .Bind(configuration.GetSection(CaseOptions.Section))
            .Validate(o => o.Policy.Validate().IsOk && o.DeadlineCheckInterval > TimeSpan.Zero && o.RememberedRequests > 0, "LingHuo:Cases is not valid.")
            .ValidateOnStart();
        silo.Services.AddKeyedSingleton(ServiceKeys.BusinessClock, TimeProvider.System);
        silo.Services.AddSingleton<CalendarHolder>();
        silo.Services.AddHostedService<CalendarSync>();
        silo.Services.AddSingleton(_ => ApplicantKeys.FromBase64(configuration["LingHuo:Applicants:KeySecret"]));
        return silo;
    }

    /// <summary>A client of the cluster needs the same domain serialization.</summary>
    public static IClientBuilder AddLingHuoClient(this IClientBuilder client)
    {
        client.Services.AddSerializer(s => s.AddLingHuoDomainTypes());
        return client;
    }
}
