using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using LingHuo.Domain;
using LingHuo.Domain.Calendar;
using LingHuo.Domain.Cases;
using LingHuo.Domain.Intake;
using LingHuo.Persistence.GrainState;
using LingHuo.Runtime;
using LingHuo.Testing;

namespace LingHuo.Grains.Tests;

/// <summary>
/// Code outside the grain reads the stored application state and its events by property name: the write statement
/// appends each event to case_events by its type, sequence and time, the search projection reads the application and
/// who applied, a migration reads the status. Renaming one of them must fail here, not silently stop the log.
/// </summary>
public sealed class StoredShapeTests
{
    private static readonly DateTimeOffset At = new(2026, 9, 30, 2, 0, 0, TimeSpan.Zero);

    private const string Storage = "src/LingHuo.Persistence/GrainState/PostgresGrainStorage.cs";

    // Each path the code outside the grain reads of the stored state, and the text that reads it.
    public static TheoryData<string, string, string> StateReads => new()
    {
        { "src/LingHuo.Persistence/EventLog/SearchProjection.cs", "application", "record StoredApplication(Application? Application" },
        { "src/LingHuo.Persistence/EventLog/SearchProjection.cs", "applicantKey", "string? ApplicantKey" },
        { "src/LingHuo.Persistence/EventLog/SearchProjection.cs", "identityNumber", "string? IdentityNumber)" },
        { "deploy/sql/0007_deadlines_as_data.sql", "application.status", "-> 'application' ->> 'status' <> 'Closed'" },
    };

    // Each property the write statement reads of an event it appends to case_events.
    public static TheoryData<string, string> EventReads => new()
    {
        { "sequence", "(e ->> 'sequence')::bigint" },
        { "type", "e ->> 'type'" },
        { "at", "(e ->> 'at')::timestamptz" },
    };

    [Theory]
    [MemberData(nameof(StateReads))]
    public void EveryPropertyReadOfTheState_IsInTheStoredState(string file, string path, string code)
    {
        Assert.Contains(code, File.ReadAllText(RepositoryRoot.File(file)), StringComparison.Ordinal);
        Assert.NotNull(Find(StoredState(), path));
    }

    [Theory]
    [MemberData(nameof(EventReads))]
    public void EveryPropertyTheWriteReadsOfAnEvent_IsInTheEventsJson(string path, string sql)
    {
        Assert.Contains(sql, File.ReadAllText(RepositoryRoot.File(Storage)), StringComparison.Ordinal);
        Assert.NotNull(JsonNode.Parse(JsonSerializer.Serialize(SubmittedEvents()[0], LingHuoJson.Options))![path]);
    }

    [Fact]
    public void TheEvents_AreAppendedFromTheChange_NotStoredWithTheState()
    {
        Assert.Null(StoredState()["outbox"]);
        Assert.IsAssignableFrom<IJournaledState>(new ApplicationGrainState());
    }

    [Fact]
    public void AnEventsTypeDiscriminator_IsItsClassName() =>
        Assert.Equal(nameof(ApplicationSubmitted), JsonNode.Parse(JsonSerializer.Serialize(SubmittedEvents()[0], LingHuoJson.Options))!["type"]!.GetValue<string>());

    private static ImmutableArray<CaseEvent> SubmittedEvents()
    {
        var request = Scenario.Request();
        var precheck = Precheck.Evaluate(request, BeijingTime.DateOf(At), CasePolicy.Default);
        return Application.Submit(ApplicationNumber.Trusted("530102-20260930-000001"), precheck, request, At, WorkingDayCalendar.Official.DeadlineAfter(At, CasePolicy.Default.ReviewWorkingDays)).Value!.Events;
    }

    private static JsonNode StoredState()
    {
        var request = Scenario.Request();
        var precheck = Precheck.Evaluate(request, BeijingTime.DateOf(At), CasePolicy.Default);
        var change = Application.Submit(ApplicationNumber.Trusted("530102-20260930-000001"), precheck, request, At, WorkingDayCalendar.Official.DeadlineAfter(At, CasePolicy.Default.ReviewWorkingDays)).Value!;
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
