using Grpc.Core;
using LingHuo.Domain;
using LingHuo.Gateway.Security;
using LingHuo.Grains;
using LingHuo.Protos;
using P = LingHuo.Protos.V1;

namespace LingHuo.Gateway;

public sealed class CalendarApi(IGrainFactory grains, CalendarHolder calendar) : P.CalendarService.CalendarServiceBase
{
    private const int MaxWorkingDays = 3660;

    public override Task<P.CountWorkingDaysResponse> CountWorkingDays(P.CountWorkingDaysRequest request, ServerCallContext context)
    {
        var from = Date(request.From, "from");
        var to = Date(request.To, "to");
        if (Math.Abs(to.DayNumber - from.DayNumber) > MaxWorkingDays * 2)
        {
            throw Errors.Refused(Refusals.DateInvalid("to"));
        }

        var count = calendar.Current.WorkingDaysBetween(from, to);
        return Task.FromResult(new P.CountWorkingDaysResponse { Count = count.Count, Provisional = count.IsProvisional });
    }

    public override Task<P.AddWorkingDaysResponse> AddWorkingDays(P.AddWorkingDaysRequest request, ServerCallContext context)
    {
        var start = Date(request.Start, "start");
        var days = WorkingDays(request.WorkingDays);
        var result = calendar.Current.AddWorkingDays(start, days);
        return Task.FromResult(new P.AddWorkingDaysResponse { Date = result.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Provisional = result.IsProvisional });
    }

    public override Task<P.GetDeadlineResponse> GetDeadline(P.GetDeadlineRequest request, ServerCallContext context)
    {
        if (request.AcceptedAt is null)
        {
            throw Errors.Refused(Refusals.Required("acceptedAt", "受理时间", "acceptance time"));
        }

        var deadline = calendar.Current.DeadlineAfter(request.AcceptedAt.ToDateTimeOffset(), WorkingDays(request.WorkingDays));
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
        Access.Require(context, CallerRole.Operator);
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

    private static DateOnly Date(string? text, string field) =>
        Mapping.TryParseDate(text, out var date) ? date : throw Errors.Refused(Refusals.DateInvalid(field));

    private static int WorkingDays(int days) =>
        days is >= 0 and <= MaxWorkingDays ? days : throw Errors.Refused(Refusals.Required("workingDays", $"工作日数（0–{MaxWorkingDays}）", $"number of working days (0–{MaxWorkingDays})"));
}
