using System.Collections.Immutable;
using Grpc.Core;
using LingHuo.Domain;
using LingHuo.Domain.Calendar;
using LingHuo.Domain.Cases;
using LingHuo.Grains.Abstractions;
using LingHuo.Persistence.Documents;
using LingHuo.Runtime;
using Microsoft.Extensions.DependencyInjection;
using P = LingHuo.Protos.V1;

namespace LingHuo.Gateway;

/// <summary>
/// 办件进度查询 without a token: the application by its number and its applicant's name. What it shows is what the
/// applicant needs (stage, dates, departments' progress, the next step), never an identity number, address or phone.
/// </summary>
public sealed class PublicApi(IGrainFactory grains, [FromKeyedServices(ServiceKeys.BusinessClock)] TimeProvider clock, CaseMetrics metrics, DocumentVerifier verifier)
    : P.PublicService.PublicServiceBase
{
    public override async Task<P.LookupProgressResponse> LookupProgress(P.LookupProgressRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ApplicationNumber number;
        try
        {
            number = Calls.RequireNumber(request.Number);
            Calls.Require(string.IsNullOrWhiteSpace(request.ApplicantName)
                ? Refusals.Required("applicantName", TextField.ApplicantName.NameZh, TextField.ApplicantName.NameEn)
                : TextField.ApplicantName.Check(request.ApplicantName, "applicantName"));
        }
        catch (RpcException)
        {
            metrics.LookedUp("invalid");
            throw;
        }

        // One answer for a wrong name and an unknown number, after the same grain call.
        if (await grains.Application(number).Lookup(request.ApplicantName) is not { } application)
        {
            metrics.LookedUp("not_found");
            throw Errors.NotFound("APPLICATION_NOT_FOUND", "No application has that number and applicant name", "没有与该编号和申请人姓名相符的申请");
        }

        metrics.LookedUp("found");
        return Progress(application, clock.GetUtcNow());
    }

    public override async Task<P.VerifyDocumentResponse> VerifyDocument(P.VerifyDocumentRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (verdict, document) = request.Pdf.IsEmpty
            ? DocumentNumbers.IsWellFormed(request.Number)
                ? await verifier.ByCodeAsync(request.Number, request.Code ?? "", context.CancellationToken)
                : throw Errors.Refused(Refusals.InvalidValue("number", "文书编号", "document number", "如 530102-2026-000042，或提供 PDF", "like 530102-2026-000042, or the PDF"))
            : await verifier.ByPdfAsync(request.Pdf.ToByteArray(), context.CancellationToken);
        var response = new P.VerifyDocumentResponse { Verdict = (P.DocumentVerdict)(int)verdict };
        if (document is not null)
        {
            response.Number = document.Number;
            response.Kind = (P.DocumentKind)(int)document.Kind;
            response.Office = document.Printed.Office;
            response.IssuedOn = document.Printed.IssuedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            response.HolderMasked = document.Printed.HolderMasked;
            response.RevokedOn = document.RevokedAt is { } revoked ? BeijingTime.DateOf(revoked).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "";
        }

        return response;
    }

    private static P.LookupProgressResponse Progress(Application application, DateTimeOffset now)
    {
        var full = Mapping.ToProto(application, now);
        var (stepZh, stepEn, nextZh, nextEn) = Step(application);
        var response = new P.LookupProgressResponse
        {
            Number = full.Number, Status = full.Status, Outcome = full.Outcome, StepZh = stepZh, StepEn = stepEn, NextZh = nextZh, NextEn = nextEn,
            ReceivedAt = full.ReceivedAt, ReviewDue = full.ReviewDue, SupplementDue = full.SupplementDue, Sla = full.Sla, ClosedAt = full.ClosedAt,
            Delivered = full.Delivered,
        };
        response.AwaitingDelivery.AddRange(full.AwaitingDelivery);
        response.SupplementItems.AddRange(ToSupplement(application).Select(Mapping.ToProto));
        response.Departments.AddRange(application.Matters.GroupBy(m => m.Department).OrderBy(g => g.Key).Select(g => new P.DepartmentProgress
        {
            Department = (P.Department)(int)g.Key,
            Matters = g.Count(),
            Completed = g.Count(m => m.Status == MatterStatus.Completed),
            WaitingForApplicant = g.Count(m => m.Status == MatterStatus.WaitingForApplicant),
            EndedOtherwise = g.Count(m => m.Status is MatterStatus.Rejected or MatterStatus.Cancelled),
        }));
        return response;
    }

    private static ImmutableArray<SupplementItem> ToSupplement(Application application) => application.Status switch
    {
        ApplicationStatus.SupplementRequired => application.SupplementNotice,
        ApplicationStatus.Accepted => [.. application.Matters.SelectMany(m => m.SupplementItems.IsDefault ? [] : m.SupplementItems)],
        _ => [],
    };

    private static (string StepZh, string StepEn, string NextZh, string NextEn) Step(Application a)
    {
        if (a.Status == ApplicationStatus.PreCheck)
        {
            return ("已收件，预审中", "Received, under review", "", "");
        }

        if (a.Status == ApplicationStatus.SupplementRequired)
        {
            var due = a.SupplementDeadline is { } d ? d.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "";
            return ("待补正材料", "Waiting for your supplement", $"请于{due}24时前补正所列材料", $"Supplement the listed materials by 24:00 {due}");
        }

        if (a.Status == ApplicationStatus.Accepted)
        {
            return a.Matters.Any(m => m.Status == MatterStatus.WaitingForApplicant)
                ? ("已受理，部门待您补正材料（办理时限中止）", "Accepted; a department waits for your supplement (its clock is paused)", "请补正所列材料", "Supplement the listed materials")
                : ("已受理，各部门办理中", "Accepted; the departments are handling it", "", "");
        }

        var (outcomeZh, outcomeEn) = a.Outcome switch
        {
            ApplicationOutcome.AllCompleted => ("已办结", "Completed"),
            ApplicationOutcome.CompletedWithRejections => ("已办结（部分事项未予办理）", "Completed, some matters refused"),
            ApplicationOutcome.Withdrawn => ("已撤回", "Withdrawn"),
            ApplicationOutcome.NotAccepted => ("不予受理", "Not accepted"),
            _ => ("补正超期，已终止", "Closed: the supplement was not given in time"),
        };
        if (!a.AwaitingDelivery.IsEmpty)
        {
            return (outcomeZh, outcomeEn, a.Delivery.Method == Domain.Intake.DeliveryMethod.MailCashOnDelivery ? "办理结果将寄递给您" : "请携带身份证件到窗口领取办理结果",
                a.Delivery.Method == Domain.Intake.DeliveryMethod.MailCashOnDelivery ? "The results will be mailed to you" : "Collect the results at the window with your identity document");
        }

        return a.Rating is null
            ? (outcomeZh, outcomeEn, "欢迎对本次服务进行评价", "Please rate the service")
            : (outcomeZh, outcomeEn, "", "");
    }
}
