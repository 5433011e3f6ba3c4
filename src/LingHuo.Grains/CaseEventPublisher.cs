using System.Collections.Immutable;
using LingHuo.Domain.Cases;
using LingHuo.Domain.Catalog;
using LingHuo.Grains.Abstractions;
using Orleans.Streams;

namespace LingHuo.Grains;

/// <summary>
/// Publishes one notice per durable change (its last event): to the application's status stream, and to the work
/// stream of every department the change concerns (a withdrawal or an SLA alert concerns all three), all at once.
/// </summary>
internal static class CaseEventPublisher
{
    private static readonly Department[] AllDepartments = Enum.GetValues<Department>();

    public static Task PublishAsync(IStreamProvider streams, ApplicationNumber number, string countyCode, ImmutableArray<CaseEvent> events)
    {
        if (events.IsDefaultOrEmpty)
        {
            return Task.CompletedTask;
        }

        var last = events[^1];
        var notice = new CaseEventNotice(number, last.Sequence, last.GetType().Name, countyCode);
        var departments = events.SelectMany(Concerned).Distinct();
        return Task.WhenAll(departments
            .Select(d => StreamId.Create(StreamNames.DepartmentWork(d), StreamNames.WorkKey))
            .Append(StreamId.Create(StreamNames.Status, number.Value))
            .Select(id => streams.GetStream<CaseEventNotice>(id).OnNextAsync(notice)));
    }

    private static IEnumerable<Department> Concerned(CaseEvent caseEvent) => caseEvent switch
    {
        MatterReady e => [e.Department],
        MatterCancelled e => [e.Department],
        ApplicationWithdrawn or SlaAlertRaised => AllDepartments,
        _ => [],
    };
}
