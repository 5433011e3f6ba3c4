using LingHuo.Domain.Cases;
using LingHuo.Domain.Catalog;
using LingHuo.Domain.Divisions;
using LingHuo.Runtime;
using Npgsql;

namespace LingHuo.Persistence.EventLog;

/// <summary>
/// The department work feeds in PostgreSQL (deploy/sql/0003_department_feeds.sql). Advancing a feed appends, in one
/// transaction under the feed row's lock, every new matching event of the durable log with the next sequence numbers,
/// so any number of gateways on any silos can advance and read the same feed.
/// </summary>
public sealed class DepartmentFeeds(NpgsqlDataSource database) : IDepartmentFeeds
{
    /// <summary>How many log events one advance examines at most.</summary>
    public const int AdvanceBatch = 5_000;

    public async Task<long> OpenAsync(Department department, DivisionCode jurisdiction, CancellationToken cancellationToken)
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
        command.Parameters.AddWithValue("department", department.ToString());
        command.Parameters.AddWithValue("jurisdiction", jurisdiction.Value);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<long> AdvanceAsync(long feedId, CancellationToken cancellationToken)
    {
        while (true)
        {
            await using var command = database.CreateCommand("""
                with feed as (
                    select id, department, jurisdiction, last_sequence, position_tx, position_id
                    from department_feeds where id = @feed for update
                ), batch as (
                    -- The position as scalar subqueries: a bound the index range scan starts from. Joined to the feed
                    -- row instead, it was a filter, and every advance walked the whole log.
                    select e.id, e.submitted_at, e.tx, e.county_code, e.event_type, e.payload ->> 'department' as department
                    from case_events e
                    where (e.tx, e.id) > ((select position_tx from feed), (select position_id from feed))
                      and e.tx < pg_snapshot_xmin(pg_current_snapshot())
                    order by e.tx, e.id
                    limit @batch
                ), matching as (
                    select b.id, b.submitted_at, row_number() over (order by b.tx, b.id) as rank
                    from batch b, feed
                    where b.county_code like feed.jurisdiction || '%'
                      and ((b.event_type in ('MatterReady', 'MatterCancelled', 'MatterSupplemented') and b.department = feed.department)
                           or b.event_type in ('ApplicationWithdrawn', 'SlaAlertRaised', 'RectificationOverdue'))
                ), appended as (
                    insert into department_feed_items (feed_id, sequence, event_id, event_submitted_at)
                    select feed.id, feed.last_sequence + matching.rank, matching.id, matching.submitted_at from matching, feed
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

    public async Task<IReadOnlyList<FeedItem>> ReadAsync(long feedId, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            select i.sequence, e.application_number, e.event_type, e.payload::text
            from department_feed_items i
            -- One event per item, looked up in its month's partition. As a plain join on the partitioned log the planner
            -- sometimes hashed the whole log (180 ms a page instead of 8).
            cross join lateral (
                select application_number, event_type, payload from case_events
                where id = i.event_id and submitted_at = i.event_submitted_at
                limit 1
            ) e
            where i.feed_id = @feed and i.sequence > @after
            order by i.sequence
            limit @limit
            """);
        command.Parameters.AddWithValue("feed", feedId);
        command.Parameters.AddWithValue("after", afterSequence);
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var items = new List<FeedItem>(limit);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new FeedItem(reader.GetInt64(0), ApplicationNumber.Trusted(reader.GetString(1)), LingHuoJson.ReadCaseEvent(reader.GetString(2), reader.GetString(3))));
        }

        return items;
    }
}
