using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LingHuo.Persistence.Documents;

public static class DocumentHosting
{
    /// <summary>
    /// The seal, verification and the archive: in PostgreSQL, or (in memory) an archive that says it needs PostgreSQL.
    /// <paramref name="issue"/> also runs the issuer (silos) when a sealing key is configured; without one no document
    /// is issued (the log keeps what would issue them: a silo started later with a key issues them all).
    /// </summary>
    public static IServiceCollection AddLingHuoDocuments(this IServiceCollection services, IConfiguration configuration, bool postgres, bool issue)
    {
        var options = services.AddOptions<DocumentSettings>().Bind(configuration.GetSection(DocumentSettings.Section));
        services.AddSingleton<DocumentSeal>();
        services.AddSingleton<DocumentVerifier>();
        if (!postgres)
        {
            services.AddSingleton<IDocumentArchive, NoDocumentsInMemory>();
            return services;
        }

        services.AddSingleton<IDocumentArchive, DocumentArchive>();
        var settings = configuration.GetSection(DocumentSettings.Section).Get<DocumentSettings>() ?? new DocumentSettings();
        if (issue && settings.Keys.Count > 0)
        {
            options.Validate(DocumentSeal.IsValid, $"{DocumentSettings.Section}:Keys: each key needs an Id and a base64 Secret of 32 bytes or more.").ValidateOnStart();
            services.AddSingleton<DocumentIssuer>();
            services.AddHostedService<DocumentIssuerService>();
        }

        return services;
    }
}
