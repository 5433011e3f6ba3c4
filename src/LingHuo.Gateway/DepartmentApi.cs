using System.Collections.Immutable;
using System.Diagnostics;
using Grpc.Core;
using LingHuo.Contracts;
using LingHuo.Domain;
using LingHuo.Domain.Cases;
using LingHuo.Domain.Catalog;
using LingHuo.Domain.Divisions;
using LingHuo.Domain.Eligibility;
using LingHuo.Domain.Identity;
using LingHuo.Gateway.Security;
using LingHuo.Grains.Abstractions;
using LingHuo.Persistence.EventLog;
using LingHuo.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using P = LingHuo.Protos.V1;

namespace LingHuo.Gateway;

public sealed class DepartmentApi(
    IGrainFactory grains,
    ApplicantKeys keys,
    [FromKeyedServices(ServiceKeys.BusinessClock)] TimeProvider clock,
    IOptions<CaseOptions> options,
    CaseMetrics metrics,
    IDepartmentFeeds feeds,
    CaseNotices notices,
    Access access,
    Disclosures disclosures)
    : P.DepartmentService.DepartmentServiceBase
{
    /// <summary>Items read and sent per page: what a subscriber can cost in memory.</summary>
    public const int PageSize = 2_000;

    /// <summary>How far a live subscriber may fall behind the feed's head before it is told to resume later.</summary>
    public const long MaxLag = 50_000;

    /// <summary>How often a subscriber that is catching up has its lag measured.</summary>
    public static readonly TimeSpan LagCheckInterval = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Everything after the subscriber's last sequence number from the durable log, then new work as it is written,
    /// in one gap-free order per (department, jurisdiction). At least once: resume with the last number processed.
    /// </summary>
    public override async Task SubscribeWorkItems(P.SubscribeWorkItemsRequest request, IServerStreamWriter<P.SubscribeWorkItemsResponse> responseStream, ServerCallContext context)
    {
        var caller = access.Require(context, CallerRole.Department);
        if (request.Department == P.Department.Unspecified)
        {
            throw Errors.Refused(Refusals.Required("department", "部门", "department"));
        }

        if (request.Department is not (P.Department.HumanResourcesSocialSecurity or P.Department.MedicalSecurity or P.Department.Tax))
        {
            throw Errors.Refused(Refusals.InvalidValue("department", "部门", "department", "人社、医保或税务", "HRSS, medical security or tax"));
        }

        if (string.IsNullOrEmpty(request.Jurisdiction))
        {
            throw Errors.Refused(Refusals.Required("jurisdiction", "辖区", "jurisdiction"));
        }

        var province = options.Value.Policy.Province;
        if (!DivisionCode.TryParse(request.Jurisdiction, out var jurisdiction) || !province.Covers(jurisdiction))
        {
            throw Errors.Refused(Refusals.InvalidValue("jurisdiction", "辖区", "jurisdiction",
                $"本省的行政区划代码或其前缀（{province} 开头的 2–6 位数字，如 {province}01）", $"a division code of the province or its prefix: 2–6 digits starting with {province}, such as {province}01"));
        }

        if (request.AfterSequence < 0)
        {
            throw Errors.Refused(Refusals.InvalidValue("afterSequence", "起始序号", "starting sequence", "不小于 0 的整数", "a whole number, 0 or more"));
        }

        access.RequireDepartment(caller, (int)request.Department);
        if (!caller.Jurisdiction!.Value.Covers(jurisdiction))
        {
            throw Access.Denied("OUTSIDE_JURISDICTION", "A department subscribes to its own jurisdiction or a part of it", "部门只能订阅本辖区或其下级区域");
        }

        var department = (Department)(int)request.Department;
        var cancellation = context.CancellationToken;
        var feed = await feeds.OpenAsync(department, jurisdiction, cancellation);
        using var wakeup = await notices.SubscribeAsync(n => n.Departments.Contains(department));
        using var lag = metrics.Subscribed(department, jurisdiction.Value);
        var sent = request.AfterSequence;
        long? allowedLag = null;

        // Headers now: the subscriber knows it is subscribed before any work arrives.
        await context.WriteResponseHeadersAsync([]);
        var head = 0L;
        var advanced = 0L;
        while (!cancellation.IsCancellationRequested)
        {
            // Sequence new log events once what was sequenced is sent, and now and then while catching up, which is
            // when a subscriber that cannot keep up shows its growing lag.
            if (sent >= head || Stopwatch.GetElapsedTime(advanced) > LagCheckInterval)
            {
                head = await feeds.AdvanceAsync(feed, cancellation);
                advanced = Stopwatch.GetTimestamp();
            }

            // Catching up a backlog is fine while it shrinks; falling further behind than that, past the limit, is not.
            lag.Report(head - sent);
            allowedLag ??= Math.Max(MaxLag, head - sent);
            if (head - sent > allowedLag)
            {
                throw new RpcException(new Status(StatusCode.ResourceExhausted,
                    $"The subscriber is {head - sent} items behind; resume with after_sequence={sent} / 订阅方落后 {head - sent} 条，请以 after_sequence={sent} 重新订阅"));
            }

            var page = await feeds.ReadAsync(feed, sent, PageSize, cancellation);
            foreach (var item in page)
            {
                // Awaiting each write is the backpressure: a slow reader slows this loop, never grows a buffer.
                await responseStream.WriteAsync(Mapping.ToProto(item), cancellation);
                sent = item.Sequence;
            }

            if (page.Count < PageSize)
            {
                await wakeup.WaitAsync(cancellation);
            }
        }
    }

    public override async Task<P.ClaimMatterResponse> ClaimMatter(P.ClaimMatterRequest request, ServerCallContext context)
    {
        var (grain, actor) = Target(context, request.RequestId, request.Number, request.Department);
        var result = await grain.Claim(new ClaimMatter(request.RequestId, (Domain.Catalog.Matter)(int)request.Matter, (Domain.Catalog.Department)(int)request.Department, request.Handler, actor));
        return new P.ClaimMatterResponse { Application = Mapping.ToProto(Calls.Unwrap(result), clock.GetUtcNow()), Replayed = result.Replayed };
    }

    public override async Task<P.CompleteMatterResponse> CompleteMatter(P.CompleteMatterRequest request, ServerCallContext context)
    {
        var (grain, actor) = Target(context, request.RequestId, request.Number, request.Department);
        var matterResult = new MatterResult(
            NullIfEmpty(request.Result?.Number), [.. request.Result?.Documents ?? []], NullIfEmpty(request.Result?.Note));
        var result = await grain.Complete(new CompleteMatter(request.RequestId, (Domain.Catalog.Matter)(int)request.Matter, (Domain.Catalog.Department)(int)request.Department, matterResult, actor));
        return new P.CompleteMatterResponse { Application = Mapping.ToProto(Calls.Unwrap(result), clock.GetUtcNow()), Replayed = result.Replayed };
    }

    public override async Task<P.RejectMatterResponse> RejectMatter(P.RejectMatterRequest request, ServerCallContext context)
    {
        var (grain, actor) = Target(context, request.RequestId, request.Number, request.Department);
        var result = await grain.Reject(new RejectMatter(request.RequestId, (Domain.Catalog.Matter)(int)request.Matter, (Domain.Catalog.Department)(int)request.Department, request.Reason, actor));
        return new P.RejectMatterResponse { Application = Mapping.ToProto(Calls.Unwrap(result), clock.GetUtcNow()), Replayed = result.Replayed };
    }

    public override async Task<P.ReturnMatterForSupplementResponse> ReturnMatterForSupplement(P.ReturnMatterForSupplementRequest request, ServerCallContext context)
    {
        var (grain, actor) = Target(context, request.RequestId, request.Number, request.Department);
        var items = request.Items.Select(i => new SupplementItem((Domain.Intake.Material)(int)i.Material, i.Reason ?? "")).ToImmutableArray();
        var result = await grain.ReturnForSupplement(new ReturnMatterForSupplement(
            request.RequestId, (Domain.Catalog.Matter)(int)request.Matter, (Domain.Catalog.Department)(int)request.Department, items, actor));
        return new P.ReturnMatterForSupplementResponse { Application = Mapping.ToProto(Calls.Unwrap(result, ""), clock.GetUtcNow()), Replayed = result.Replayed };
    }

    public override async Task<P.RecordApplicantFactsResponse> RecordApplicantFacts(P.RecordApplicantFactsRequest request, ServerCallContext context)
    {
        var caller = access.Require(context, CallerRole.Department);
        Calls.RequireRequestId(request.RequestId);
        var identity = Calls.RequireIdentity(request.IdentityNumber, clock);
        var facts = Mapping.ToDomain(request.Facts);
        var cleared = EnumSet<ApplicantFact>.Empty;
        var refusals = new List<Refusal>();
        for (var i = 0; i < request.Clear.Count; i++)
        {
            var fact = (ApplicantFact)(int)request.Clear[i];
            if (!Enum.IsDefined(fact))
            {
                refusals.Add(Refusals.InvalidValue($"clear[{i}]", "要清除的事实", "fact to clear", "已知的事实之一", "one of the known facts"));
            }
            else if (facts.Set.Contains(fact))
            {
                refusals.Add(Refusals.InvalidValue($"clear[{i}]", "要清除的事实", "fact to clear", "本次未同时设定的事实", "a fact this request does not also set"));
            }
            else
            {
                cleared = cleared.Add(fact);
            }
        }

        if (refusals.Count > 0)
        {
            throw Errors.Refused([.. refusals]);
        }

        // A department records facts only of people it serves: someone with an application in its jurisdiction.
        var applicant = grains.Applicant(keys.For(identity));
        var applications = (await applicant.Get()).Applications;
        if (!applications.Any(caller.Covers))
        {
            throw Access.Denied("OUTSIDE_JURISDICTION", "The person has no application in the department's jurisdiction", "此人在本部门辖区内没有申请");
        }

        await disclosures.Record(caller, applications.Last(caller.Covers), nameof(RecordApplicantFacts), request.Purpose, context.CancellationToken);
        await applicant.RecordFacts(new RecordApplicantFacts(request.RequestId, facts, cleared));
        return new P.RecordApplicantFactsResponse();
    }

    /// <summary>The application a department acts on: as itself, in its jurisdiction.</summary>
    private (IApplicationGrain Grain, Actor Actor) Target(ServerCallContext context, string requestId, string number, P.Department department)
    {
        var caller = access.Require(context, CallerRole.Department);
        Calls.RequireRequestId(requestId);
        var parsed = Calls.RequireNumber(number);
        access.RequireDepartment(caller, (int)department);
        access.RequireArea(caller, parsed);
        return (grains.Application(parsed), caller.Actor);
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
