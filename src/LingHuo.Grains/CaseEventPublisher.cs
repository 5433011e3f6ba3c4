using System.Collections.Immutable;
using LingHuo.Domain.Cases;
using LingHuo.Domain.Catalog;
using LingHuo.Grains.Abstractions;
using Orleans.Streams;

namespace LingHuo.Grains;

/// <summary>One notice per durable change (its last event), on the one notice stream.</summary>
internal static class CaseEventPublisher
{
    private static readonly Department[] AllDepartments = Enum.GetValues<Department>();
    private static readonly StreamId Notices = StreamId.Create(StreamNames.Notices, StreamNames.NoticesKey);

    public static Task PublishAsync(IStreamProvider streams, ApplicationNumber number, string countyCode, ImmutableArray<CaseEvent> events)
    {
        if (events.IsDefaultOrEmpty)
        {
            return Task.CompletedTask;
        }

        var last = events[^1];
        var notice = new CaseEventNotice(number, last.Sequence, last.GetType().Name, countyCode, [.. events.SelectMany(Concerned).Distinct()]);
        return streams.GetStream<CaseEventNotice>(Notices).OnNextAsync(notice);
    }

    private static IEnumerable<Department> Concerned(CaseEvent caseEvent) => caseEvent switch
    {
        MatterReady e => [e.Department],
        MatterCancelled e => [e.Department],
        MatterSupplemented e => [e.Department],
        ApplicationWithdrawn or SlaAlertRaised or RectificationOverdue => AllDepartments,
        _ => [],
    };
}
