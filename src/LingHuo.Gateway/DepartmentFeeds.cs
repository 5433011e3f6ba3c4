using System.Text.Json;
using Npgsql;
using P = LingHuo.Protos.V1;

namespace LingHuo.Gateway;

/// <summary>
/// The department work feeds in PostgreSQL: for each department, the matters that become ready for it or are cancelled,
/// and every withdrawal and SLA alert in its jurisdiction (see deploy/sql/0003_department_feeds.sql). Advancing a feed appends, in one
/// transaction under the feed row's lock, every new matching event of the durable log with the next sequence numbers,
/// so any number of gateways on any silos can advance and read the same feed.
/// </summary>
public sealed class DepartmentFeeds(NpgsqlDataSource database)
{
    /// <summary>How many log events one advance examines at most.</summary>
    public const int AdvanceBatch = 5_000;

    /// <summary>The feed's id, creating it (empty, at the start of the log) on first use.</summary>
    public async Task<long> OpenAsync(P.Department department, string jurisdiction, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            with created as (
                insert into department_feeds (department, jurisdiction) values (@department, @jurisdiction)
                on conflict (department, jurisdiction) do nothing
                returning id
            )
            select id from created
            union all
            select id from department_feeds where department = @department and jurisdiction = @jurisdiction
            limit 1
            """);
        command.Parameters.AddWithValue("department", DepartmentName(department));
        command.Parameters.AddWithValue("jurisdiction", jurisdiction);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Sequences what the log has beyond the feed's position; returns the feed's last sequence number.</summary>
    public async Task<long> AdvanceAsync(long feedId, CancellationToken cancellationToken)
    {
        while (true)
        {
            await using var command = database.CreateCommand("""
                with feed as (
                    select id, department, jurisdiction, last_sequence, position_tx, position_id
                    from department_feeds where id = @feed for update
                ), batch as (
                    select e.id, e.tx, e.county_code, e.event_type, e.payload ->> 'department' as department
                    from case_events e, feed
                    where (e.tx, e.id) > (feed.position_tx, feed.position_id)
                      and e.tx < pg_snapshot_xmin(pg_current_snapshot())
                    order by e.tx, e.id
                    limit @batch
                ), matching as (
                    select b.id, row_number() over (order by b.tx, b.id) as rank
                    from batch b, feed
                    where b.county_code like feed.jurisdiction || '%'
                      and ((b.event_type in ('MatterReady', 'MatterCancelled') and b.department = feed.department)
                           or b.event_type in ('ApplicationWithdrawn', 'SlaAlertRaised'))
                ), appended as (
                    insert into department_feed_items (feed_id, sequence, event_id)
                    select feed.id, feed.last_sequence + matching.rank, matching.id from matching, feed
                ), last as (
                    select tx, id from batch order by tx desc, id desc limit 1
                ), moved as (
                    update department_feeds f
                    set last_sequence = f.last_sequence + (select count(*) from matching),
                        position_tx = coalesce((select tx from last), f.position_tx),
                        position_id = coalesce((select id from last), f.position_id)
                    from feed where f.id = feed.id
                    returning f.last_sequence
                )
                select (select count(*) from batch), (select last_sequence from moved)
                """);
            command.Parameters.AddWithValue("feed", feedId);
            command.Parameters.AddWithValue("batch", AdvanceBatch);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var (scanned, head) = (reader.GetInt64(0), reader.GetInt64(1));
            if (scanned < AdvanceBatch)
            {
                return head;
            }
        }
    }

    /// <summary>The feed's items after <paramref name="afterSequence"/>, in order.</summary>
    public async Task<List<P.SubscribeWorkItemsResponse>> ReadAsync(long feedId, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            select i.sequence, e.application_number, e.sequence, e.event_type, e.occurred_at, e.payload
            from department_feed_items i join case_events e on e.id = i.event_id
            where i.feed_id = @feed and i.sequence > @after
            order by i.sequence
            limit @limit
            """);
        command.Parameters.AddWithValue("feed", feedId);
        command.Parameters.AddWithValue("after", afterSequence);
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var items = new List<P.SubscribeWorkItemsResponse>(limit);
        while (await reader.ReadAsync(cancellationToken))
        {
            using var payload = JsonDocument.Parse(reader.GetString(5));
            items.Add(new P.SubscribeWorkItemsResponse
            {
                Sequence = reader.GetInt64(0),
                ApplicationNumber = reader.GetString(1),
                Event = Mapping.ToProto(reader.GetInt64(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4), payload.RootElement),
            });
        }

        return items;
    }

    /// <summary>The name the event payloads use for a department (the domain enum's name).</summary>
    private static string DepartmentName(P.Department department) => ((Domain.Department)(int)department).ToString();
}
