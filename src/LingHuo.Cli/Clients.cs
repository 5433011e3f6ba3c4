using Grpc.Core;
using P = LingHuo.Protos.V1;

namespace LingHuo.Cli;

internal sealed class Clients(CallInvoker channel)
{
    public P.ApplicationService.ApplicationServiceClient Applications { get; } = new(channel);

    public P.DepartmentService.DepartmentServiceClient Departments { get; } = new(channel);

    public P.QueryService.QueryServiceClient Queries { get; } = new(channel);

    public P.CalendarService.CalendarServiceClient Calendar { get; } = new(channel);

    public P.PublicService.PublicServiceClient Public { get; } = new(channel);

    public Grpc.Health.V1.Health.HealthClient Health { get; } = new(channel);
}
