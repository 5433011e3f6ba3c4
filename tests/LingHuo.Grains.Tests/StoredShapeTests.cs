using System.Text.Json.Nodes;
using LingHuo.Domain;
using LingHuo.Domain.Calendar;
using LingHuo.Domain.Cases;
using LingHuo.Domain.Intake;
using LingHuo.Grains.Abstractions;
using LingHuo.Persistence.GrainState;
using LingHuo.Testing;

namespace LingHuo.Grains.Tests;

/// <summary>
/// SQL reads the stored application state by property name: the write query appends the outbox to case_events, the
/// search projection reads who applied. Renaming a property of the state (or of an event) must fail here, not silently
/// stop the outbox.
/// </summary>
public sealed class StoredShapeTests
{
    private static readonly DateTimeOffset At = new(2026, 9, 30, 2, 0, 0, TimeSpan.Zero);

    // Each path the SQL reads, and the SQL text that reads it.
    public static TheoryData<string, string, string> Reads => new()
    {
        { "src/LingHuo.Persistence/GrainState/PostgresGrainStorage.cs", "outbox", "document.state -> 'outbox'" },
        { "src/LingHuo.Persistence/GrainState/PostgresGrainStorage.cs", "outbox[0].sequence", "e.value ->> 'sequence'" },
        { "src/LingHuo.Persistence/GrainState/PostgresGrainStorage.cs", "outbox[0].type", "e.value ->> 'type'" },
        { "src/LingHuo.Persistence/GrainState/PostgresGrainStorage.cs", "outbox[0].at", "e.value ->> 'at'" },
        { "src/LingHuo.Persistence/GrainState/PostgresGrainStorage.cs", "application.countyCode", "document.state -> 'application' ->> 'countyCode'" },
        { "src/LingHuo.Persistence/EventLog/SearchProjection.cs", "application", "record StoredApplication(Application? Application" },
        { "src/LingHuo.Persistence/EventLog/SearchProjection.cs", "applicantKey", "string? ApplicantKey" },
        { "src/LingHuo.Persistence/EventLog/SearchProjection.cs", "identityNumber", "string? IdentityNumber)" },
        { "src/LingHuo.Persistence/GrainState/PostgresGrainStorage.cs", "dueAt", "state ->> 'dueAt'" },
        { "deploy/sql/0007_deadlines_as_data.sql", "application.status", "-> 'application' ->> 'status' <> 'Closed'" },
    };

    [Theory]
    [MemberData(nameof(Reads))]
    public void EveryPropertyTheSqlReads_IsInTheStoredState(string file, string path, string sql)
    {
        Assert.Contains(sql, File.ReadAllText(RepositoryRoot.File(file)), StringComparison.Ordinal);
        Assert.NotNull(Find(StoredState(), path));
    }

    [Fact]
    public void TheWriteQuery_ExtractsTheOutboxOfTheApplicationStateOnly() =>
        Assert.Contains("when $2 = '{StorageNames.ApplicationState}'", File.ReadAllText(RepositoryRoot.File("src/LingHuo.Persistence/GrainState/PostgresGrainStorage.cs")), StringComparison.Ordinal);

    [Fact]
    public void AnEventsTypeDiscriminator_IsItsClassName() =>
        Assert.Equal(nameof(ApplicationSubmitted), Find(StoredState(), "outbox[0].type")!.GetValue<string>());

    private static JsonNode StoredState()
    {
        var request = Scenario.Request();
        var precheck = Precheck.Evaluate(request, BeijingTime.DateOf(At), CasePolicy.Default);
        var change = Application.Submit(ApplicationNumber.Trusted("530102-20260930-000001"), precheck, request, At).Value!;
        var state = new ApplicationGrainState
        {
            Application = change.Application,
            ApplicantKey = "applicant-key",
            IdentityNumber = request.IdentityNumber,
            DueAt = At,
            Outbox = change.Events,
        };
        return JsonNode.Parse(new JsonGrainStateSerializer().Serialize(state).ToString())!;
    }

    private static JsonNode? Find(JsonNode node, string path)
    {
        JsonNode? current = node;
        foreach (var part in path.Split('.'))
        {
            var name = part.Split('[')[0];
            current = current?[name];
            if (part.EndsWith("[0]", StringComparison.Ordinal))
            {
                current = current?[0];
            }
        }

        return current;
    }
}
