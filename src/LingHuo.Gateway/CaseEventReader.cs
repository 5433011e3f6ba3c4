using System.Text.Json;
using Npgsql;
using P = LingHuo.Protos.V1;

namespace LingHuo.Gateway;

/// <summary>Reads an application's events from the durable log, in sequence order.</summary>
public sealed class CaseEventReader(NpgsqlDataSource database)
{
    public async Task<List<P.CaseEvent>> ReadAsync(string number, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            select sequence, event_type, occurred_at, payload
            from case_events
            where application_number = @number and sequence > @after
            order by sequence
            limit @limit
            """);
        command.Parameters.AddWithValue("number", number);
        command.Parameters.AddWithValue("after", afterSequence);
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<P.CaseEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            using var payload = JsonDocument.Parse(reader.GetString(3));
            events.Add(Mapping.ToProto(reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), payload.RootElement));
        }

        return events;
    }
}
