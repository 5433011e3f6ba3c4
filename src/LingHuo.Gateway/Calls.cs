using System.Collections.Immutable;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using LingHuo.Domain;
using LingHuo.Domain.Calendar;
using LingHuo.Domain.Cases;
using LingHuo.Domain.Identity;
using LingHuo.Grains.Abstractions;

namespace LingHuo.Gateway;

/// <summary>
/// Checks shared by the services, each failing with the right status before any grain is called. A missing value is
/// REQUIRED; a value that is there but wrong says what is wrong (INVALID_VALUE, TOO_LONG, INVALID_CHARACTER, DATE_INVALID).
/// </summary>
public static class Calls
{
    public static void RequireRequestId(string? requestId)
    {
        if (string.IsNullOrWhiteSpace(requestId))
        {
            throw Errors.Refused(Refusals.Required("requestId", TextField.RequestId.NameZh, TextField.RequestId.NameEn));
        }

        Require(TextField.RequestId.Check(requestId, "requestId"));
    }

    public static ApplicationNumber RequireNumber(string? text, string field = "number")
    {
        var parsed = ApplicationNumber.Parse(text, field);
        return parsed.TryGetValue(out var number) ? number : throw Errors.Refused(parsed.Refusals);
    }

    public static IdentityNumber RequireIdentity(string? text, TimeProvider clock, string field = "identityNumber")
    {
        var parsed = IdentityNumber.Parse(text, BeijingTime.DateOf(clock.GetUtcNow()), field);
        return parsed.TryGetValue(out var identity) ? identity : throw Errors.Refused(parsed.Refusals);
    }

    /// <summary>Throws the refusal, if there is one.</summary>
    /// <summary>Matters named by number, each one of the nine (a refusal per unknown one); none named is the empty set.</summary>
    public static Domain.EnumSet<Domain.Catalog.Matter> RequireMatters(IReadOnlyList<Protos.V1.Matter> matters, string field = "matters")
    {
        ArgumentNullException.ThrowIfNull(matters);
        var unknown = matters.Select((m, i) => (Matter: (Domain.Catalog.Matter)(int)m, Index: i))
            .Where(m => !Domain.Catalog.Matters.IsDefined(m.Matter))
            .Select(m => Refusals.MatterUnknown($"{field}[{m.Index}]", (int)m.Matter))
            .ToImmutableArray();
        return unknown.IsEmpty
            ? Domain.EnumSet<Domain.Catalog.Matter>.Of([.. matters.Select(m => (Domain.Catalog.Matter)(int)m)])
            : throw Errors.Refused(unknown);
    }

    public static void Require(Refusal? refusal)
    {
        if (refusal is not null)
        {
            throw Errors.Refused(refusal);
        }
    }

    /// <summary>A yyyy-MM-dd date that working-day arithmetic answers for, or its refusal.</summary>
    public static DateOnly? ParseDate(string? text, string field, ICollection<Refusal> refusals)
    {
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            refusals.Add(Refusals.DateInvalid(field));
            return null;
        }

        if (WorkingDayCalendar.CheckRange(date, field) is { } outside)
        {
            refusals.Add(outside);
            return null;
        }

        return date;
    }

    /// <summary>A yyyy-MM-dd date that working-day arithmetic answers for.</summary>
    public static DateOnly RequireDate(string? text, string field)
    {
        var refusals = new List<Refusal>(1);
        return ParseDate(text, field, refusals) ?? throw Errors.Refused([.. refusals]);
    }

    /// <summary>A timestamp that is a valid protobuf Timestamp and falls on a date working-day arithmetic answers for.</summary>
    public static DateTimeOffset RequireInstant(Timestamp? timestamp, string field, string nameZh, string nameEn)
    {
        if (timestamp is null)
        {
            throw Errors.Refused(Refusals.Required(field, nameZh, nameEn));
        }

        // Outside 0001-01-01..9999-12-31, or with nanos outside 0..999,999,999, it is no Timestamp at all.
        if (timestamp.Seconds is < -62_135_596_800 or > 253_402_300_799 || timestamp.Nanos is < 0 or > 999_999_999)
        {
            throw Errors.Refused(Refusals.DateInvalid(field));
        }

        // The UTC date first: near the end of time, moving to Beijing time would itself overflow.
        var instant = timestamp.ToDateTimeOffset();
        Require(WorkingDayCalendar.CheckRange(DateOnly.FromDateTime(instant.UtcDateTime), field)
            ?? WorkingDayCalendar.CheckRange(BeijingTime.DateOf(instant), field));
        return instant;
    }

    /// <summary>The application a command produced, or the refusal as a gRPC error.</summary>
    public static Domain.Cases.Application Unwrap(CaseResult result, string fieldPrefix = "") =>
        result.IsOk ? result.Application! : throw Errors.Refused(result.Refusals, fieldPrefix);
}
