using System.Text.Json;
using LingHuo.Domain.Cases;
using LingHuo.Runtime;

namespace LingHuo.Persistence.EventLog;

/// <summary>A case_events payload is the event as <see cref="LingHuoJson"/> writes it, discriminated by its <c>type</c>.</summary>
internal static class LoggedEvents
{
    public static CaseEvent Read(string payload) =>
        JsonSerializer.Deserialize<CaseEvent>(payload, LingHuoJson.Options)
        ?? throw new JsonException("A case event payload is null.");
}
