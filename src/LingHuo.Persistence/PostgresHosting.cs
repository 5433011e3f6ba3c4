using LingHuo.Grains.Abstractions;
using LingHuo.Persistence.Audit;
using LingHuo.Persistence.Deadlines;
using LingHuo.Persistence.EventLog;
using LingHuo.Persistence.GrainState;
using LingHuo.Persistence.Materials;
using LingHuo.Persistence.Notifications;
using LingHuo.Persistence.Search;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Storage;

namespace LingHuo.Persistence;

public static class PostgresHosting
{
    /// <summary>The ADO.NET invariant name under which Orleans finds Npgsql.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>The keyed data source the search model is read from: a read-only replica, or the primary's.</summary>
    public const string ReadModel = "linghuo-read-model";

    /// <summary>
    /// Membership (the Orleans ADO.NET provider with our query texts, see deploy/sql; in <paramref name="clusterConnectionString"/>'s
    /// database when given), grain state (storage <see cref="StorageNames.Cases"/>, <see cref="PostgresGrainStorage"/>)
    /// and the sweep of due deadlines in PostgreSQL.
    /// </summary>
    public static ISiloBuilder UseLingHuoPostgres(this ISiloBuilder silo, string connectionString, string? clusterConnectionString = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = clusterConnectionString ?? connectionString;
        });
        return silo.AddLingHuoPostgresStorage(connectionString);
    }

    /// <summary>
    /// Grain state in PostgreSQL and the deadline sweep over it, leaving membership to the host (in-process test
    /// clusters). Deadlines are data in the state rows (<see cref="DeadlineSweeper"/>), not Orleans reminders.
    /// </summary>
    public static ISiloBuilder AddLingHuoPostgresStorage(this ISiloBuilder silo, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Cases, (sp, _) =>
            new PostgresGrainStorage(connectionString, sp.GetRequiredService<IOptions<ClusterOptions>>(), sp.GetRequiredService<ILogger<PostgresGrainStorage>>()));
        silo.Services.AddLingHuoDatabase(connectionString);
        silo.Services.AddSingleton<DeadlineSweeper>();
        silo.Services.AddHostedService(sp => sp.GetRequiredService<DeadlineSweeper>());
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<DeadlineSweeper>());
        return silo;
    }

    /// <summary>A client (such as a separately hosted gateway) finds the silos' gateways in the membership table.</summary>
    public static IClientBuilder UseLingHuoPostgresClustering(this IClientBuilder client, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        client.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        return client;
    }

    /// <summary>Our own access to the database (migrations, the event log): one pooled data source.</summary>
    public static IServiceCollection AddLingHuoDatabase(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddSingleton<Migrator>();
        return services;
    }

    /// <summary>
    /// The event log's readers, the search model (read from <paramref name="readOnlyConnectionString"/>'s replica when
    /// given) and the access audit in PostgreSQL (after <see cref="AddLingHuoDatabase"/>).
    /// </summary>
    public static IServiceCollection AddLingHuoReadSide(this IServiceCollection services, string? readOnlyConnectionString = null)
    {
        if (string.IsNullOrWhiteSpace(readOnlyConnectionString))
        {
            services.AddKeyedSingleton(ReadModel, (sp, _) => sp.GetRequiredService<NpgsqlDataSource>());
        }
        else
        {
            services.AddKeyedSingleton(ReadModel, (_, _) => NpgsqlDataSource.Create(readOnlyConnectionString));
        }

        services.AddSingleton<ICaseLog, CaseLog>();
        services.AddSingleton<IDepartmentFeeds, DepartmentFeeds>();
        services.AddSingleton<IApplicationSearch, ApplicationSearch>();
        services.AddSingleton<IAccessAudit, AccessAudit>();
        services.AddSingleton<IMaterialStore, PostgresMaterialStore>();
        services.AddSingleton<SearchProjection>();
        services.AddSingleton<NotificationOutbox>();
        services.AddSingleton<INotificationOutbox>(sp => sp.GetRequiredService<NotificationOutbox>());
        return services;
    }

    /// <summary>The same services when everything runs in memory: each says it needs PostgreSQL; uploaded files stay in memory.</summary>
    public static IServiceCollection AddLingHuoReadSideUnavailable(this IServiceCollection services)
    {
        services.AddSingleton<UnavailableInMemoryMode>();
        services.AddSingleton<ICaseLog>(sp => sp.GetRequiredService<UnavailableInMemoryMode>());
        services.AddSingleton<IDepartmentFeeds>(sp => sp.GetRequiredService<UnavailableInMemoryMode>());
        services.AddSingleton<IApplicationSearch>(sp => sp.GetRequiredService<UnavailableInMemoryMode>());
        services.AddSingleton<IAccessAudit>(sp => sp.GetRequiredService<UnavailableInMemoryMode>());
        services.AddSingleton<INotificationOutbox>(sp => sp.GetRequiredService<UnavailableInMemoryMode>());
        services.AddSingleton<IMaterialStore, InMemoryMaterialStore>();
        return services;
    }
}
