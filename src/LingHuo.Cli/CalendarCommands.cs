using System.CommandLine;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using P = LingHuo.Protos.V1;

namespace LingHuo.Cli;

internal static class CalendarCommands
{
    public static Command Create(CliApp app)
    {
        var calendar = new Command("calendar", "Working days on the official holiday schedules (Beijing time).");

        var start = new Argument<string>("start") { Description = "YYYY-MM-DD (not counted)." };
        var days = new Argument<int>("working-days");
        var add = new Command("add", "The date of working day N after a date.") { start, days };
        app.Action(add, async (parse, clients, print, ct) =>
        {
            var answer = await clients.Calendar.AddWorkingDaysAsync(new P.AddWorkingDaysRequest { Start = parse.GetValue(start), WorkingDays = parse.GetValue(days) }, cancellationToken: ct);
            print.Message(answer, () => print.Line(answer.Date + (answer.Provisional ? " (provisional: a year without a loaded schedule was crossed)" : "")));
            return 0;
        });

        var from = new Argument<string>("from");
        var to = new Argument<string>("to");
        var between = new Command("between", "Working days after FROM up to and including TO.") { from, to };
        app.Action(between, async (parse, clients, print, ct) =>
        {
            var answer = await clients.Calendar.CountWorkingDaysAsync(new P.CountWorkingDaysRequest { From = parse.GetValue(from), To = parse.GetValue(to) }, cancellationToken: ct);
            print.Message(answer, () => print.Line(answer.Count.ToString(CultureInfo.InvariantCulture) + (answer.Provisional ? " (provisional)" : "")));
            return 0;
        });

        var acceptedAt = new Argument<string>("accepted-at") { Description = "Acceptance instant, ISO 8601 (e.g. 2026-09-30T10:00+08:00)." };
        var limit = new Option<int>("--days") { Description = "Working days (default 2, the committed limit).", DefaultValueFactory = _ => 2 };
        var deadline = new Command("deadline", "The deadline N working days after an acceptance.") { acceptedAt, limit };
        app.Action(deadline, async (parse, clients, print, ct) =>
        {
            var at = DateTimeOffset.Parse(parse.GetValue(acceptedAt)!, CultureInfo.InvariantCulture);
            var answer = await clients.Calendar.GetDeadlineAsync(new P.GetDeadlineRequest { AcceptedAt = Timestamp.FromDateTimeOffset(at), WorkingDays = parse.GetValue(limit) }, cancellationToken: ct);
            print.Message(answer, () => print.Line($"24:00 {answer.Deadline.Day} Beijing time{(answer.Deadline.Provisional ? " (provisional)" : "")}"));
            return 0;
        });

        var years = new Command("years", "The years whose official schedule is loaded.");
        app.Action(years, async (_, clients, print, ct) =>
        {
            var answer = await clients.Calendar.ListLoadedYearsAsync(new P.ListLoadedYearsRequest(), cancellationToken: ct);
            print.Message(answer, () => print.Line(string.Join(", ", answer.Years)));
            return 0;
        });

        var file = new Argument<FileInfo>("schedule.json") { Description = "{\"year\":2027,\"holidays\":[[\"2027-01-01\",\"2027-01-01\"]],\"workingWeekendDays\":[],\"source\":\"...\"}" };
        var load = new Command("load", "Operators: load or replace a year's schedule while running.") { file };
        app.Action(load, async (parse, clients, print, ct) =>
        {
            var json = await File.ReadAllTextAsync(parse.GetValue(file)!.FullName, ct);
            var answer = await clients.Calendar.LoadHolidayScheduleAsync(new P.LoadHolidayScheduleRequest { ScheduleJson = json }, cancellationToken: ct);
            print.Message(answer, () => print.Line("Loaded. Years: " + string.Join(", ", answer.Years)));
            return 0;
        });

        foreach (var command in new[] { add, between, deadline, years, load })
        {
            calendar.Subcommands.Add(command);
        }

        return calendar;
    }
}
