using LingHuo.Grains.Abstractions;
using LingHuo.Persistence.Audit;
using LingHuo.Persistence.EventLog;
using LingHuo.Persistence.Search;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace LingHuo.Persistence;

public static class PostgresHosting
{
    /// <summary>The ADO.NET invariant name under which Orleans finds Npgsql.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>
    /// Membership, grain state (storage <see cref="StorageNames.Cases"/>) and reminders in PostgreSQL, through the Orleans
    /// ADO.NET providers and our own query texts (see deploy/sql).
    /// </summary>
    public static ISiloBuilder UseLingHuoPostgres(this ISiloBuilder silo, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        return silo.AddLingHuoPostgresStorage(connectionString);
    }

    /// <summary>Grain state and reminders in PostgreSQL, leaving membership to the host (in-process test clusters).</summary>
    public static ISiloBuilder AddLingHuoPostgresStorage(this ISiloBuilder silo, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        silo.AddAdoNetGrainStorage(StorageNames.Cases, o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = ForProviders(connectionString);
            o.GrainStorageSerializer = new JsonGrainStateSerializer();
        });
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = ForProviders(connectionString);
        });
        silo.Services.AddLingHuoDatabase(connectionString);
        return silo;
    }

    /// <summary>
    /// The connection string the Orleans providers use: their few query texts are prepared on the server once they
    /// repeat, and a connection going back to the pool is not reset (they set no session state), which saves a
    /// `DISCARD ALL` per storage call.
    /// </summary>
    public static string ForProviders(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true, MaxAutoPrepare = 32, AutoPrepareMinUsages = 2 }.ConnectionString;

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

    /// <summary>The event log's readers, the search model and the access audit in PostgreSQL (after <see cref="AddLingHuoDatabase"/>).</summary>
    public static IServiceCollection AddLingHuoReadSide(this IServiceCollection services)
    {
        services.AddSingleton<ICaseLog, CaseLog>();
        services.AddSingleton<IDepartmentFeeds, DepartmentFeeds>();
        services.AddSingleton<IApplicationSearch, ApplicationSearch>();
        services.AddSingleton<IAccessAudit, AccessAudit>();
        services.AddSingleton<SearchProjection>();
        return services;
    }

    /// <summary>The same services when everything runs in memory: each says it needs PostgreSQL.</summary>
    public static IServiceCollection AddLingHuoReadSideUnavailable(this IServiceCollection services)
    {
        services.AddSingleton<UnavailableInMemoryMode>();
        services.AddSingleton<ICaseLog>(sp => sp.GetRequiredService<UnavailableInMemoryMode>());
        services.AddSingleton<IDepartmentFeeds>(sp => sp.GetRequiredService<UnavailableInMemoryMode>());
        services.AddSingleton<IApplicationSearch>(sp => sp.GetRequiredService<UnavailableInMemoryMode>());
        services.AddSingleton<IAccessAudit>(sp => sp.GetRequiredService<UnavailableInMemoryMode>());
        return services;
    }
}
