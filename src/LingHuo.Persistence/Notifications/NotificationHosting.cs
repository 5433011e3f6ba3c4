using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LingHuo.Persistence.Notifications;

public static class NotificationHosting
{
    /// <summary>
    /// The webhook sender on a silo with PostgreSQL storage, when a URL is configured (its settings checked at start).
    /// Without one the messages stay in the outbox (and the in-app inbox shows them) until a silo with a URL sends them.
    /// </summary>
    public static IServiceCollection AddLingHuoNotificationSender(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(NotificationSettings.Section);
        var settings = section.Get<NotificationSettings>() ?? new NotificationSettings();
        services.AddOptions<NotificationSettings>().Bind(section)
            .Validate(s => s.Webhook.IsValid(), $"{NotificationSettings.Section}:Webhook needs an absolute http(s) Url, a KeyId, a base64 Secret of 32 bytes or more, and positive limits.")
            .ValidateOnStart();
        if (settings.Webhook.IsEnabled)
        {
            services.TryAddSingleton(TimeProvider.System);
            services.AddHostedService<WebhookSender>();
        }

        return services;
    }
}
