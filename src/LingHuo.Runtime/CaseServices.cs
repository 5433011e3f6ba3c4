using LingHuo.Domain.Identity;
using LingHuo.Domain.Notifications;
using LingHuo.Grains.Abstractions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace LingHuo.Runtime;

public static class CaseServices
{
    /// <summary>
    /// What both silos and a separately hosted gateway use: options from <c>LingHuo:Cases</c> (validated at start), the
    /// business clock, the calendar kept in step with the loaded schedules, the platform meter and the applicant key.
    /// </summary>
    public static IServiceCollection AddLingHuoCaseServices(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CaseOptions>()
            .Bind(configuration.GetSection(CaseOptions.Section))
            .Validate(o => o.Policy.Validate().IsOk && o.Acceptance.IsValid(o.Policy.Province) && o.DeadlineSweepInterval > TimeSpan.Zero && o.DeadlineClaim > TimeSpan.Zero && o.RememberedRequests > 0, "LingHuo:Cases is not valid.")
            .Validate(o => MessageTemplates.With(o.Messages).IsOk,
                "LingHuo:Cases:Messages: a template may use only the variables of its kind and must name the application number, {number}.")
            .ValidateOnStart();
        services.AddKeyedSingleton(ServiceKeys.BusinessClock, TimeProvider.System);
        services.AddSingleton<CalendarHolder>();
        services.AddMetrics();
        services.AddSingleton<CaseMetrics>();
        services.AddHostedService<CalendarSync>();
        services.AddSingleton(_ => ApplicantKeys.FromBase64(configuration["LingHuo:Applicants:KeySecret"]));
        return services;
    }

    /// <summary>A client of the cluster needs the same domain serialization and the notice streams.</summary>
    public static IClientBuilder AddLingHuoClient(this IClientBuilder client)
    {
        client.Services.AddSerializer(s => s.AddLingHuoDomainTypes());
        client.AddMemoryStreams(StreamNames.Provider);
        return client;
    }
}
