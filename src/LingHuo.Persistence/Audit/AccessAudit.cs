using LingHuo.Domain.Cases;
using LingHuo.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace LingHuo.Persistence.Audit;

/// <summary>The access audit in PostgreSQL (table access_audit), stamped by the business clock.</summary>
public sealed class AccessAudit(NpgsqlDataSource database, [FromKeyedServices(ServiceKeys.BusinessClock)] TimeProvider clock) : IAccessAudit
{
    public async Task RecordAsync(string subject, string issuer, string role, ApplicationNumber applicationNumber, string action, string purpose, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            insert into access_audit (at, subject, issuer, role, application_number, action, purpose)
            values (@at, @subject, @issuer, @role, @number, @action, @purpose)
            """);
        command.Parameters.AddWithValue("at", clock.GetUtcNow());
        command.Parameters.AddWithValue("subject", subject);
        command.Parameters.AddWithValue("issuer", issuer);
        command.Parameters.AddWithValue("role", role);
        command.Parameters.AddWithValue("number", applicationNumber.Value);
        command.Parameters.AddWithValue("action", action);
        command.Parameters.AddWithValue("purpose", purpose);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AccessRecord>> ListAsync(ApplicationNumber? applicationNumber, string? subject, long? beforeId, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            select id, at, subject, issuer, role, application_number, action, purpose from access_audit
            where (@number = '' or application_number = @number) and (@subject = '' or subject = @subject) and id < @before
            order by id desc
            limit @limit
            """);
        command.Parameters.AddWithValue("number", applicationNumber?.Value ?? "");
        command.Parameters.AddWithValue("subject", subject ?? "");
        command.Parameters.AddWithValue("before", beforeId ?? long.MaxValue);
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var records = new List<AccessRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new AccessRecord(
                reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                ApplicationNumber.Trusted(reader.GetString(5)), reader.GetString(6), reader.GetString(7)));
        }

        return records;
    }
}
