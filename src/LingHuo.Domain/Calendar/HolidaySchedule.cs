using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LingHuo.Domain.Calendar;

/// <summary>
/// One year's official schedule (国务院办公厅 notice): the days off, and the weekend days designated as working days (调休上班).
/// </summary>
public sealed record HolidaySchedule(int Year, ImmutableSortedSet<DateOnly> Holidays, ImmutableSortedSet<DateOnly> WorkingWeekendDays, string Source)
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>
    /// Builds a schedule and checks it: dates inside the year, ranges in order, designated working days on weekends,
    /// no day both off and working. Every problem is reported.
    /// </summary>
    public static Result<HolidaySchedule> Create(int year, IEnumerable<(DateOnly First, DateOnly Last)> holidayRanges, IEnumerable<DateOnly> workingWeekendDays, string? source)
    {
        ArgumentNullException.ThrowIfNull(holidayRanges);
        ArgumentNullException.ThrowIfNull(workingWeekendDays);
        if (year is < MinYear or > MaxYear)
        {
            return Refusals.CalendarScheduleInvalid($"year {year} is outside {MinYear}..{MaxYear}");
        }

        var problems = new List<string>();
        var holidays = ImmutableSortedSet.CreateBuilder<DateOnly>();
        foreach (var (first, last) in holidayRanges)
        {
            if (first.Year != year || last.Year != year)
            {
                problems.Add($"holiday range {first:yyyy-MM-dd}..{last:yyyy-MM-dd} is not inside {year}");
                continue;
            }

            if (last < first)
            {
                problems.Add($"holiday range {first:yyyy-MM-dd}..{last:yyyy-MM-dd} ends before it starts");
                continue;
            }

            for (var day = first; day <= last; day = day.AddDays(1))
            {
                holidays.Add(day);
            }
        }

        var working = ImmutableSortedSet.CreateBuilder<DateOnly>();
        foreach (var day in workingWeekendDays)
        {
            if (day.Year != year)
            {
                problems.Add($"working day {day:yyyy-MM-dd} is not inside {year}");
            }
            else if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                problems.Add($"working day {day:yyyy-MM-dd} is a {day.DayOfWeek}, not a weekend day");
            }
            else if (holidays.Contains(day))
            {
                problems.Add($"{day:yyyy-MM-dd} is both a holiday and a working day");
            }
            else
            {
                working.Add(day);
            }
        }

        if (TextField.ScheduleSource.Check(source, "source") is { } badSource)
        {
            problems.Add(badSource.MessageEn);
        }

        return problems.Count > 0
            ? Refusals.CalendarScheduleInvalid(string.Join("; ", problems))
            : new HolidaySchedule(year, holidays.ToImmutable(), working.ToImmutable(), source ?? "");
    }

    /// <summary>
    /// Reads schedules from JSON: either <c>{"years":[...]}</c> or one year object
    /// <c>{"year":2027,"holidays":[["2027-01-01","2027-01-01"]],"workingWeekendDays":[...],"source":"..."}</c>.
    /// </summary>
    public static Result<ImmutableArray<HolidaySchedule>> ParseJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return Refusals.CalendarScheduleInvalid("the schedule is empty");
        }

        FileDto? file;
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            file = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("years", out _)
                ? document.Deserialize<FileDto>(Json)
                : new FileDto([document.Deserialize<YearDto>(Json)!]);
        }
        catch (JsonException e)
        {
            return Refusals.CalendarScheduleInvalid($"not a valid schedule: {e.Message}");
        }

        if (file?.Years is not { Count: > 0 } years)
        {
            return Refusals.CalendarScheduleInvalid("no year in the schedule");
        }

        var schedules = ImmutableArray.CreateBuilder<HolidaySchedule>();
        var refusals = ImmutableArray.CreateBuilder<Refusal>();
        foreach (var dto in years)
        {
            if (dto.Holidays?.Any(r => r is not { Length: 2 }) == true)
            {
                refusals.Add(Refusals.CalendarScheduleInvalid($"{dto.Year}: each holiday range must be [first, last]"));
                continue;
            }

            var ranges = dto.Holidays?.Select(r => (r[0], r[1])) ?? [];
            var schedule = Create(dto.Year, ranges, dto.WorkingWeekendDays ?? [], dto.Source);
            if (schedule.TryGetValue(out var value))
            {
                schedules.Add(value);
            }
            else
            {
                refusals.AddRange(schedule.Refusals);
            }
        }

        if (schedules.Select(s => s.Year).Distinct().Count() != schedules.Count)
        {
            refusals.Add(Refusals.CalendarScheduleInvalid("a year appears twice"));
        }

        return refusals.Count > 0 ? Result<ImmutableArray<HolidaySchedule>>.Refused(refusals.ToImmutable()) : schedules.ToImmutable();
    }

    /// <summary>This year as the JSON that <see cref="ParseJson"/> reads, consecutive holidays folded into ranges.</summary>
    public string ToJson()
    {
        var ranges = new List<DateOnly[]>();
        foreach (var day in Holidays)
        {
            if (ranges.Count > 0 && ranges[^1][1].AddDays(1) == day)
            {
                ranges[^1][1] = day;
            }
            else
            {
                ranges.Add([day, day]);
            }
        }

        return JsonSerializer.Serialize(new YearDto(Year, Source, ranges, [.. WorkingWeekendDays]), Json);
    }

    private sealed record FileDto(List<YearDto>? Years);

    private sealed record YearDto(int Year, string? Source, List<DateOnly[]>? Holidays, List<DateOnly>? WorkingWeekendDays);
}
