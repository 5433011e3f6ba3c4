using System.Collections.Immutable;
using LingHuo.Domain;
using LingHuo.Domain.Cases;
using Orleans.Streams;

namespace LingHuo.Grains;

/// <summary>
/// Publishes the notices of a durable change: to the application's status stream, and to the work stream of every
/// department the event concerns (a withdrawal or an SLA alert concerns all three).
/// </summary>
internal static class CaseEventPublisher
{
    private static readonly Department[] AllDepartments = Enum.GetValues<Department>();

    public static async Task PublishAsync(IStreamProvider streams, string number, string countyCode, ImmutableArray<CaseEvent> events)
    {
        foreach (var caseEvent in events)
        {
            var notice = new CaseEventNotice(number, caseEvent.Sequence, caseEvent.GetType().Name, countyCode);
            await streams.GetStream<CaseEventNotice>(StreamId.Create(StreamNames.Status, number)).OnNextAsync(notice);
            foreach (var department in Concerned(caseEvent))
            {
                await streams.GetStream<CaseEventNotice>(StreamId.Create(StreamNames.DepartmentWork(department), StreamNames.Province)).OnNextAsync(notice);
            }
        }
    }

    private static IEnumerable<Department> Concerned(CaseEvent caseEvent) => caseEvent switch
    {
        MatterReady e => [e.Department],
        MatterCancelled e => [e.Department],
        ApplicationWithdrawn or SlaAlertRaised => AllDepartments,
        _ => [],
    };
}
