using LingHuo.Domain.Cases;
using LingHuo.Runtime;
using Npgsql;

namespace LingHuo.Persistence.EventLog;

/// <summary>Reads an application's events from case_events.</summary>
public sealed class CaseLog(NpgsqlDataSource database) : ICaseLog
{
    public async Task<IReadOnlyList<CaseEvent>> ReadAsync(ApplicationNumber number, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            select event_type, payload::text
            from case_events
            where application_number = @number and sequence > @after
            order by sequence
            limit @limit
            """);
        command.Parameters.AddWithValue("number", number.Value);
        command.Parameters.AddWithValue("after", afterSequence);
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<CaseEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(LingHuoJson.ReadCaseEvent(reader.GetString(0), reader.GetString(1)));
        }

        return events;
    }
}
