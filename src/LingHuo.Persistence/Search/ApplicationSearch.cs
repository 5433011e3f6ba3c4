using System.Text.Json;
using LingHuo.Domain.Calendar;
using LingHuo.Domain.Cases;
using LingHuo.Domain.Catalog;
using LingHuo.Domain.Intake;
using LingHuo.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace LingHuo.Persistence.Search;

/// <summary>The search model in PostgreSQL (application_search, kept by <see cref="EventLog.SearchProjection"/>).</summary>
public sealed class ApplicationSearch([FromKeyedServices(PostgresHosting.ReadModel)] NpgsqlDataSource database) : IApplicationSearch
{
    private const string SlaCase = """
        case when status <> 'Accepted' or committed_at is null then null
             when sla_paused then 'Paused'
             when @now >= committed_at then 'Breached'
             when @now >= committed_due_soon_at then 'DueSoon'
             else 'OnTime' end
        """;

    public async Task<(IReadOnlyList<SearchRow> Rows, string? NextPageToken)> SearchAsync(SearchFilter filter, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var where = new List<string>();
        await using var command = database.CreateCommand();
        command.Parameters.AddWithValue("now", now.ToUniversalTime());
        if (filter.Status is { } status)
        {
            where.Add("status = @status");
            command.Parameters.AddWithValue("status", status.ToString());
        }

        if (filter.Matter is { } matter)
        {
            where.Add("matters ? @matter");
            command.Parameters.AddWithValue("matter", matter.ToString());
        }

        if (filter.Department is { } department)
        {
            where.Add("@department = any(departments)");
            command.Parameters.AddWithValue("department", department.ToString());
        }

        if (!string.IsNullOrEmpty(filter.CountyPrefix))
        {
            where.Add("county_code like @county || '%'");
            command.Parameters.AddWithValue("county", filter.CountyPrefix);
        }

        if (filter.SlaState is { } sla)
        {
            where.Add($"({SlaCase}) = @sla");
            command.Parameters.AddWithValue("sla", sla.ToString());
        }

        if (filter.AcceptedFrom is { } from)
        {
            where.Add("accepted_at >= @from");
            command.Parameters.AddWithValue("from", from.ToUniversalTime());
        }

        if (filter.AcceptedBefore is { } before)
        {
            where.Add("accepted_at < @before");
            command.Parameters.AddWithValue("before", before.ToUniversalTime());
        }

        if (SearchPageToken.Decode(filter.PageToken) is var (lastSubmitted, lastNumber))
        {
            where.Add("(submitted_at, number) < (@lastSubmitted, @lastNumber)");
            command.Parameters.AddWithValue("lastSubmitted", lastSubmitted);
            command.Parameters.AddWithValue("lastNumber", lastNumber);
        }

        command.CommandText = $"""
            select number, status, outcome, county_code, channel, applicant_masked, matters::text, submitted_at, accepted_at,
                   committed_at, statutory_at, {SlaCase} as sla, version
            from application_search
            {(where.Count == 0 ? "" : "where " + string.Join(" and ", where))}
            order by submitted_at desc, number desc
            limit @limit
            """;
        command.Parameters.AddWithValue("limit", filter.PageSize + 1);

        var rows = new List<SearchRow>(filter.PageSize + 1);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new SearchRow(
                ApplicationNumber.Trusted(reader.GetString(0)),
                Enum.Parse<ApplicationStatus>(reader.GetString(1)),
                reader.IsDBNull(2) ? null : Enum.Parse<ApplicationOutcome>(reader.GetString(2)),
                reader.GetString(3),
                Enum.Parse<Channel>(reader.GetString(4)),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                JsonSerializer.Deserialize<Dictionary<Matter, MatterStatus>>(reader.GetString(6), LingHuoJson.Options)!,
                reader.GetFieldValue<DateTimeOffset>(7),
                reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8),
                reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9),
                reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10),
                reader.IsDBNull(11) ? null : Enum.Parse<SlaState>(reader.GetString(11)),
                reader.GetInt64(12)));
        }

        if (rows.Count <= filter.PageSize)
        {
            return (rows, null);
        }

        rows.RemoveAt(rows.Count - 1);
        return (rows, SearchPageToken.Encode(rows[^1].SubmittedAt, rows[^1].Number.Value));
    }

    public async Task<IReadOnlyList<QueueRow>> ReviewQueueAsync(string countyCode, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            select number, status, channel, applicant_masked, submitted_at, waiting_due_day, waiting_due_provisional
            from application_search
            where county_code = $1 and status in ('PreCheck', 'SupplementRequired')
            order by submitted_at, number
            limit $2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = countyCode });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var rows = new List<QueueRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new QueueRow(
                ApplicationNumber.Trusted(reader.GetString(0)),
                Enum.Parse<ApplicationStatus>(reader.GetString(1)),
                Enum.Parse<Channel>(reader.GetString(2)),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4),
                reader.IsDBNull(5) ? null : new Deadline(reader.GetFieldValue<DateOnly>(5), reader.GetBoolean(6))));
        }

        return rows;
    }

    public async Task<IReadOnlyList<(string CountyCode, long Open, long Overdue)>> RectificationCountsAsync(string countyPrefix, DateOnly today, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            select county_code, count(*), count(*) filter (where rectification_due_day < $2)
            from application_search
            where rectification_due_day is not null and county_code like $1 || '%'
            group by county_code
            order by county_code
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = countyPrefix });
        command.Parameters.Add(new NpgsqlParameter { Value = today });
        var counts = new List<(string, long, long)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
        }

        return counts;
    }

    public async Task<IReadOnlyList<RectificationRow>> RectificationsAsync(string countyPrefix, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            select number, county_code, rating, rectification_opened_at, rectification_due_day
            from application_search
            where rectification_due_day is not null and county_code like $1 || '%'
            order by rectification_due_day, number
            limit $2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = countyPrefix });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var rows = new List<RectificationRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new RectificationRow(
                ApplicationNumber.Trusted(reader.GetString(0)),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : Enum.Parse<RatingLevel>(reader.GetString(2)),
                reader.GetFieldValue<DateTimeOffset>(3),
                reader.GetFieldValue<DateOnly>(4)));
        }

        return rows;
    }

    public async Task<IReadOnlyList<SlaCount>> OverviewAsync(string? countyPrefix, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"""
            select county_code, department, count(*) filter (where sla = 'OnTime'), count(*) filter (where sla = 'DueSoon'),
                   count(*) filter (where sla = 'Breached'), count(*) filter (where sla = 'Paused')
            from (select county_code, unnest(departments) as department, {SlaCase} as sla
                  from application_search
                  where status = 'Accepted' and county_code like @county || '%') open
            group by county_code, department
            order by county_code, department
            """);
        command.Parameters.AddWithValue("now", now.ToUniversalTime());
        command.Parameters.AddWithValue("county", countyPrefix ?? "");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var counts = new List<SlaCount>();
        while (await reader.ReadAsync(cancellationToken))
        {
            counts.Add(new SlaCount(reader.GetString(0), Enum.Parse<Department>(reader.GetString(1)), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5)));
        }

        return counts;
    }

    public async Task<IReadOnlyDictionary<SlaState, long>> OpenBySlaAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"select {SlaCase} as sla, count(*) from application_search where status = 'Accepted' group by 1");
        command.Parameters.AddWithValue("now", now.ToUniversalTime());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var counts = Enum.GetValues<SlaState>().ToDictionary(s => s, _ => 0L);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!reader.IsDBNull(0))
            {
                counts[Enum.Parse<SlaState>(reader.GetString(0))] = reader.GetInt64(1);
            }
        }

        return counts;
    }
}
