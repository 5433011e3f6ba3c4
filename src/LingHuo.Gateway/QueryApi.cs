using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using LingHuo.Contracts;
using LingHuo.Domain;
using LingHuo.Domain.Calendar;
using LingHuo.Domain.Cases;
using LingHuo.Domain.Catalog;
using LingHuo.Domain.Divisions;
using LingHuo.Gateway.Security;
using LingHuo.Grains.Abstractions;
using LingHuo.Persistence.Audit;
using LingHuo.Persistence.Notifications;
using LingHuo.Persistence.Search;
using LingHuo.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using P = LingHuo.Protos.V1;

namespace LingHuo.Gateway;

public sealed class QueryApi(
    IGrainFactory grains,
    [FromKeyedServices(ServiceKeys.BusinessClock)] TimeProvider clock,
    IOptions<CaseOptions> options,
    IApplicationSearch search,
    IAccessAudit audit,
    Access access,
    Disclosures disclosures,
    CalendarHolder calendar,
    INotificationOutbox messages)
    : P.QueryService.QueryServiceBase
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public const int DefaultAccessPageSize = 100;
    public const int MaxAccessPageSize = 500;

    /// <summary>
    /// Supervisors (clerks) of the county and operators read the whole application; a department of the jurisdiction
    /// reads its own matters and the applicant's identity number, which it needs to handle them (audited).
    /// </summary>
    public override async Task<P.GetApplicationByNumberResponse> GetApplicationByNumber(P.GetApplicationByNumberRequest request, ServerCallContext context)
    {
        var caller = access.Require(context, CallerRole.Clerk, CallerRole.Department, CallerRole.Operator);
        var number = Calls.RequireNumber(request.Number);
        access.RequireArea(caller, number);
        var grain = grains.Application(number);
        var application = Calls.Unwrap(await grain.Get());
        var response = new P.GetApplicationByNumberResponse { Application = Mapping.ToProto(application, clock.GetUtcNow()) };
        if (caller.Role == CallerRole.Department)
        {
            var own = response.Application.Matters.Where(m => (int)m.Department == (int)caller.Department!.Value).ToList();
            if (own.Count == 0)
            {
                throw Access.Denied("OTHER_DEPARTMENT", "The application has no matter of the caller's department", "该申请没有本部门的事项");
            }

            response.Application.Matters.Clear();
            response.Application.Matters.AddRange(own);
            await disclosures.Record(caller, application.Number, nameof(GetApplicationByNumber), request.Purpose, context.CancellationToken);
            response.IdentityNumber = await grain.IdentityNumber() ?? "";
        }
        else if (Disclosures.HoldsProtectedResults(application))
        {
            await disclosures.Record(caller, application.Number, nameof(GetApplicationByNumber), request.Purpose, context.CancellationToken);
        }

        return response;
    }

    public override async Task<P.ListAccessRecordsResponse> ListAccessRecords(P.ListAccessRecordsRequest request, ServerCallContext context)
    {
        access.Require(context, CallerRole.Operator);
        var refusals = new List<Refusal>();
        if (request.PageSize is < 0 or > MaxAccessPageSize)
        {
            refusals.Add(PageSize(MaxAccessPageSize));
        }

        long? before = null;
        if (!string.IsNullOrEmpty(request.PageToken))
        {
            if (long.TryParse(request.PageToken, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
            {
                before = id;
            }
            else
            {
                refusals.Add(PageToken());
            }
        }

        ApplicationNumber? number = string.IsNullOrEmpty(request.ApplicationNumber) ? null : Calls.RequireNumber(request.ApplicationNumber, "applicationNumber");

        if (TextField.Subject.Check(request.Subject, "subject") is { } subject)
        {
            refusals.Add(subject);
        }

        if (refusals.Count > 0)
        {
            throw Errors.Refused([.. refusals]);
        }

        var size = request.PageSize == 0 ? DefaultAccessPageSize : request.PageSize;
        var records = await audit.ListAsync(number, request.Subject, before, size, context.CancellationToken);
        var response = new P.ListAccessRecordsResponse { NextPageToken = records.Count == size ? records[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : "" };
        response.Records.AddRange(records.Select(r => new P.AccessRecord
        {
            Id = r.Id, At = Timestamp.FromDateTimeOffset(r.At), Subject = r.Subject, Issuer = r.Issuer, Role = r.Role,
            ApplicationNumber = r.ApplicationNumber.Value, Action = r.Action, Purpose = r.Purpose,
        }));
        return response;
    }

    public override async Task<P.SearchApplicationsResponse> SearchApplications(P.SearchApplicationsRequest request, ServerCallContext context)
    {
        var caller = access.Require(context, CallerRole.Clerk, CallerRole.Operator);
        var refusals = new List<Refusal>();
        DateTimeOffset? Date(string text, string field, int addDays) =>
            !string.IsNullOrEmpty(text) && Calls.ParseDate(text, field, refusals) is { } date ? BeijingTime.StartOf(date.AddDays(addDays)) : null;

        var from = Date(request.AcceptedFrom, "acceptedFrom", 0);
        var before = Date(request.AcceptedTo, "acceptedTo", 1);
        if (request.PageSize is < 0 or > MaxPageSize)
        {
            refusals.Add(PageSize(MaxPageSize));
        }

        if (!SearchPageToken.IsValid(request.PageToken))
        {
            refusals.Add(PageToken());
        }

        CheckCountyPrefix(request.CountyPrefix, refusals);

        if (refusals.Count > 0)
        {
            throw Errors.Refused([.. refusals]);
        }

        var filter = new SearchFilter(
            request.Status == P.ApplicationStatus.Unspecified ? null : (Domain.Cases.ApplicationStatus)(int)request.Status,
            request.Matter == P.Matter.Unspecified ? null : (Matter)(int)request.Matter,
            request.Department == P.Department.Unspecified ? null : (Department)(int)request.Department,
            Area(caller, request.CountyPrefix),
            request.SlaState == P.SlaState.Unspecified ? null : (SlaState)(int)request.SlaState,
            from,
            before,
            request.PageSize == 0 ? DefaultPageSize : request.PageSize,
            request.PageToken);
        var (rows, next) = await search.SearchAsync(filter, clock.GetUtcNow(), context.CancellationToken);
        var response = new P.SearchApplicationsResponse { NextPageToken = next ?? "" };
        response.Applications.AddRange(rows.Select(ToProto));
        return response;
    }

    public override async Task<P.GetSlaOverviewResponse> GetSlaOverview(P.GetSlaOverviewRequest request, ServerCallContext context)
    {
        var caller = access.Require(context, CallerRole.Clerk, CallerRole.Operator);
        var refusals = new List<Refusal>();
        CheckCountyPrefix(request.CountyPrefix, refusals);
        if (refusals.Count > 0)
        {
            throw Errors.Refused([.. refusals]);
        }

        var now = clock.GetUtcNow();
        var area = Area(caller, request.CountyPrefix);
        var counts = await search.OverviewAsync(area, now, context.CancellationToken);
        var response = new P.GetSlaOverviewResponse { AsOf = Timestamp.FromDateTimeOffset(now) };
        response.Rows.AddRange(counts.Select(c => new P.SlaOverviewRow
        {
            CountyCode = c.CountyCode, Department = (P.Department)(int)c.Department, OnTime = c.OnTime, DueSoon = c.DueSoon, Breached = c.Breached, Paused = c.Paused,
        }));
        var tickets = await search.RectificationCountsAsync(area, BeijingTime.DateOf(now), context.CancellationToken);
        response.Rectifications.AddRange(tickets.Select(t => new P.RectificationCount { CountyCode = t.CountyCode, Open = t.Open, Overdue = t.Overdue }));
        return response;
    }

    public override async Task<P.ListReviewQueueResponse> ListReviewQueue(P.ListReviewQueueRequest request, ServerCallContext context)
    {
        var caller = access.Require(context, CallerRole.Clerk);
        if (request.PageSize is < 0 or > MaxPageSize)
        {
            throw Errors.Refused(PageSize(MaxPageSize));
        }

        var rows = await search.ReviewQueueAsync(caller.County!.Value.Value, request.PageSize == 0 ? DefaultPageSize : request.PageSize, context.CancellationToken);
        var today = BeijingTime.DateOf(clock.GetUtcNow());
        var response = new P.ListReviewQueueResponse();
        foreach (var row in rows)
        {
            var item = new P.ReviewQueueItem
            {
                Number = row.Number.Value,
                Status = (P.ApplicationStatus)(int)row.Status,
                Channel = (P.Channel)(int)row.Channel,
                ApplicantMasked = row.ApplicantMasked ?? "",
                SubmittedAt = Timestamp.FromDateTimeOffset(row.SubmittedAt),
            };
            if (row.Due is { } due)
            {
                item.Due = Mapping.ToProto(due);
                item.WorkingDaysLeft = Math.Max(0, calendar.Current.WorkingDaysBetween(today, due.Day).Count);
            }

            response.Items.Add(item);
        }

        return response;
    }

    public override async Task<P.ListRectificationsResponse> ListRectifications(P.ListRectificationsRequest request, ServerCallContext context)
    {
        var caller = access.Require(context, CallerRole.Clerk, CallerRole.Operator);
        var refusals = new List<Refusal>();
        CheckCountyPrefix(request.CountyPrefix, refusals);
        if (request.PageSize is < 0 or > MaxPageSize)
        {
            refusals.Add(PageSize(MaxPageSize));
        }

        if (refusals.Count > 0)
        {
            throw Errors.Refused([.. refusals]);
        }

        var rows = await search.RectificationsAsync(Area(caller, request.CountyPrefix), request.PageSize == 0 ? DefaultPageSize : request.PageSize, context.CancellationToken);
        var now = clock.GetUtcNow();
        var today = BeijingTime.DateOf(now);
        var response = new P.ListRectificationsResponse();
        response.Items.AddRange(rows.Select(r => new P.RectificationItem
        {
            Number = r.Number.Value,
            CountyCode = r.CountyCode,
            Level = (P.RatingLevel)(int)(r.Level ?? 0),
            OpenedAt = Timestamp.FromDateTimeOffset(r.OpenedAt),
            Due = Mapping.ToProto(r.Due),
            WorkingDaysLeft = Math.Max(0, calendar.Current.WorkingDaysBetween(today, r.DueDay).Count),
            Overdue = now >= r.Due.At,
        }));
        return response;
    }

    public override async Task<P.ListFailedNotificationsResponse> ListFailedNotifications(P.ListFailedNotificationsRequest request, ServerCallContext context)
    {
        access.Require(context, CallerRole.Operator);
        if (request.PageSize is < 0 or > MaxPageSize)
        {
            throw Errors.Refused(PageSize(MaxPageSize));
        }

        var response = new P.ListFailedNotificationsResponse();
        response.Items.AddRange((await messages.FailedAsync(request.PageSize == 0 ? DefaultPageSize : request.PageSize, context.CancellationToken)).Select(m => new P.FailedNotification
        {
            Number = m.ApplicationNumber,
            Sequence = m.Sequence,
            Kind = (P.MessageKind)(int)m.Kind,
            CountyCode = m.County,
            MaskedPhone = m.MaskedPhone,
            CreatedAt = Timestamp.FromDateTimeOffset(m.CreatedAt),
            Attempts = m.Attempts,
            LastError = m.LastError ?? "",
        }));
        return response;
    }

    public override async Task<P.RetryNotificationResponse> RetryNotification(P.RetryNotificationRequest request, ServerCallContext context)
    {
        access.Require(context, CallerRole.Operator);
        var number = Calls.RequireNumber(request.Number);
        if (request.Sequence <= 0)
        {
            throw Errors.Refused(Refusals.InvalidValue("sequence", "事件序号", "event sequence", "正整数", "a positive number"));
        }

        return await messages.RetryAsync(number.Value, request.Sequence, context.CancellationToken) switch
        {
            RetryOutcome.Queued => new P.RetryNotificationResponse(),
            RetryOutcome.NotFound => throw Errors.NotFound("NOTIFICATION_NOT_FOUND", "No message for that event", "该事件没有消息"),
            _ => throw Errors.Precondition("NOTIFICATION_NOT_FAILED", "The message has not failed: it is sent or still being sent", "该消息未失败：已发送或正在发送"),
        };
    }

    /// <summary>A supervisor (clerk) sees their own county: no prefix means it, a prefix must lie within it.</summary>
    private static string Area(Caller caller, string? prefix)
    {
        if (caller.Role != CallerRole.Clerk)
        {
            return prefix ?? "";
        }

        if (string.IsNullOrEmpty(prefix))
        {
            return caller.County!.Value.Value;
        }

        return DivisionCode.TryParse(prefix, out var code) && caller.County!.Value.Covers(code)
            ? prefix
            : throw Access.Denied("OUTSIDE_JURISDICTION", "A clerk sees their own county only", "窗口人员只能查看本县区");
    }

    private void CheckCountyPrefix(string? prefix, List<Refusal> refusals)
    {
        if (!string.IsNullOrEmpty(prefix) && (prefix.Length > 6 || !prefix.All(char.IsAsciiDigit)))
        {
            refusals.Add(Refusals.CountyCodeInvalid(options.Value.Policy.Province) with { Field = "countyPrefix" });
        }
    }

    private static Refusal PageSize(int max) =>
        Refusals.InvalidValue("pageSize", "每页条数", "page size", $"0（默认）至 {max}", $"0 (the default) to {max}");

    private static Refusal PageToken() =>
        Refusals.InvalidValue("pageToken", "翻页标记", "page token", "上一页返回的翻页标记", "a page token returned by the previous page");

    private static P.ApplicationSummary ToProto(SearchRow row)
    {
        var summary = new P.ApplicationSummary
        {
            Number = row.Number.Value,
            Status = (P.ApplicationStatus)(int)row.Status,
            Outcome = row.Outcome is { } outcome ? (P.ApplicationOutcome)(int)outcome : P.ApplicationOutcome.Unspecified,
            CountyCode = row.CountyCode,
            Channel = (P.Channel)(int)row.Channel,
            ApplicantMaskedId = row.ApplicantMasked ?? "",
            SubmittedAt = Timestamp.FromDateTimeOffset(row.SubmittedAt),
            SlaState = row.SlaState is { } sla ? (P.SlaState)(int)sla : P.SlaState.Unspecified,
            Version = row.Version,
        };
        summary.Matters.AddRange(row.Matters.OrderBy(m => m.Key).Select(m => new P.MatterState
        {
            Matter = (P.Matter)(int)m.Key, Department = (P.Department)(int)Matters.DepartmentOf(m.Key), Status = (P.MatterStatus)(int)m.Value,
        }));
        if (row.AcceptedAt is { } accepted)
        {
            summary.AcceptedAt = Timestamp.FromDateTimeOffset(accepted);
        }

        if (row.CommittedAt is { } committed)
        {
            summary.CommittedDeadline = Timestamp.FromDateTimeOffset(committed);
        }

        if (row.StatutoryAt is { } statutory)
        {
            summary.StatutoryDeadline = Timestamp.FromDateTimeOffset(statutory);
        }

        return summary;
    }
}
