using Grpc.Core;
using LingHuo.Contracts;
using LingHuo.Domain;
using LingHuo.Gateway.Security;
using LingHuo.Grains.Abstractions;
using LingHuo.Runtime;
using P = LingHuo.Protos.V1;

namespace LingHuo.Gateway;

public sealed class CalendarApi(IGrainFactory grains, CalendarHolder calendar, Access access) : P.CalendarService.CalendarServiceBase
{
    private const int MaxWorkingDays = 3660;

    public override Task<P.CountWorkingDaysResponse> CountWorkingDays(P.CountWorkingDaysRequest request, ServerCallContext context)
    {
        var refusals = new List<Refusal>();
        var from = Calls.ParseDate(request.From, "from", refusals);
        var to = Calls.ParseDate(request.To, "to", refusals);
        if (refusals.Count > 0)
        {
            throw Errors.Refused([.. refusals]);
        }

        var count = calendar.Current.WorkingDaysBetween(from!.Value, to!.Value);
        return Task.FromResult(new P.CountWorkingDaysResponse { Count = count.Count, Provisional = count.IsProvisional });
    }

    public override Task<P.AddWorkingDaysResponse> AddWorkingDays(P.AddWorkingDaysRequest request, ServerCallContext context)
    {
        var start = Calls.RequireDate(request.Start, "start");
        var days = WorkingDays(request.WorkingDays);
        var result = calendar.Current.AddWorkingDays(start, days);
        return Task.FromResult(new P.AddWorkingDaysResponse { Date = result.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Provisional = result.IsProvisional });
    }

    public override Task<P.GetDeadlineResponse> GetDeadline(P.GetDeadlineRequest request, ServerCallContext context)
    {
        var acceptedAt = Calls.RequireInstant(request.AcceptedAt, "acceptedAt", "受理时间", "acceptance time");
        var deadline = calendar.Current.DeadlineAfter(acceptedAt, WorkingDays(request.WorkingDays));
        return Task.FromResult(new P.GetDeadlineResponse { Deadline = Mapping.ToProto(deadline) });
    }

    public override Task<P.ListLoadedYearsResponse> ListLoadedYears(P.ListLoadedYearsRequest request, ServerCallContext context)
    {
        var response = new P.ListLoadedYearsResponse();
        response.Years.AddRange(calendar.Current.LoadedYears);
        return Task.FromResult(response);
    }

    public override async Task<P.LoadHolidayScheduleResponse> LoadHolidaySchedule(P.LoadHolidayScheduleRequest request, ServerCallContext context)
    {
        access.Require(context, CallerRole.Operator);
        var refusals = await grains.GetGrain<ICalendarGrain>(0).Load(request.ScheduleJson);
        if (!refusals.IsDefaultOrEmpty)
        {
            throw Errors.Refused(refusals);
        }

        // The grain loaded it where it runs; this silo takes it now too rather than at its next sync.
        foreach (var schedule in Domain.Calendar.HolidaySchedule.ParseJson(request.ScheduleJson).Value!)
        {
            calendar.Load(schedule);
        }

        var response = new P.LoadHolidayScheduleResponse();
        response.Years.AddRange(calendar.Current.LoadedYears);
        return response;
    }

    private static int WorkingDays(int days) =>
        days is >= 0 and <= MaxWorkingDays
            ? days
            : throw Errors.Refused(Refusals.InvalidValue("workingDays", "工作日数", "number of working days", $"0 至 {MaxWorkingDays} 之间的整数", $"a whole number from 0 to {MaxWorkingDays}"));
}
