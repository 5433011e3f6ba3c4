using System.Collections.Immutable;
using Grpc.Core;
using LingHuo.Contracts;
using LingHuo.Domain;
using LingHuo.Domain.Calendar;
using LingHuo.Domain.Cases;
using LingHuo.Domain.Identity;
using LingHuo.Domain.Intake;
using LingHuo.Gateway.Security;
using LingHuo.Grains.Abstractions;
using LingHuo.Persistence.Documents;
using LingHuo.Persistence.EventLog;
using LingHuo.Persistence.Materials;
using LingHuo.Persistence.Notifications;
using LingHuo.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using P = LingHuo.Protos.V1;

namespace LingHuo.Gateway;

public sealed class ApplicationApi(
    IGrainFactory grains,
    ApplicantKeys keys,
    CalendarHolder calendar,
    IOptions<CaseOptions> options,
    [FromKeyedServices(ServiceKeys.BusinessClock)] TimeProvider clock,
    CaseMetrics metrics,
    ICaseLog log,
    CaseNotices notices,
    Access access,
    Disclosures disclosures,
    Uploads uploads,
    IMaterialStore materials,
    IDocumentArchive documents,
    INotificationOutbox messages)
    : P.ApplicationService.ApplicationServiceBase
{
    private CasePolicy Policy => options.Value.Policy;

    public override Task<P.PrecheckApplicationResponse> PrecheckApplication(P.PrecheckApplicationRequest request, ServerCallContext context)
    {
        var caller = access.Require(context, CallerRole.Applicant, CallerRole.Clerk);
        var now = clock.GetUtcNow();
        var (domainRequest, mappingRefusals) = Mapping.ToDomain(request.Details);
        var result = Precheck.Evaluate(domainRequest, BeijingTime.DateOf(now), Policy);
        metrics.Prechecked(result.Verdict);
        ActingFor(caller, result.Identity is { } identity ? keys.For(identity) : null, domainRequest.CountyCode);
        var response = new P.PrecheckApplicationResponse
        {
            Verdict = mappingRefusals.IsEmpty ? (P.PrecheckVerdict)(int)result.Verdict : P.PrecheckVerdict.NotAccepted,
            Committed = Mapping.ToProto(calendar.Current.DeadlineAfter(now, Policy.CommittedWorkingDays)),
            Statutory = Mapping.ToProto(calendar.Current.DeadlineAfter(now, Policy.StatutoryWorkingDays)),
        };
        response.Refusals.AddRange(mappingRefusals.Concat(result.Refusals).Select(r => Mapping.ToProto(r)));
        if (result.Materials is { } materials)
        {
            response.RequiredMaterials.AddRange(materials.Required.Select(m => (P.Material)(int)m));
            response.MissingMaterials.AddRange(materials.Missing.Select(m => (P.Material)(int)m));
        }

        if (result.Premium is { } premium)
        {
            response.Premium = Mapping.ToProto(premium);
        }

        return Task.FromResult(response);
    }

    public override async Task<P.SubmitApplicationResponse> SubmitApplication(P.SubmitApplicationRequest request, ServerCallContext context)
    {
        var caller = access.Require(context, CallerRole.Applicant, CallerRole.Clerk);
        Calls.RequireRequestId(request.RequestId);
        var now = clock.GetUtcNow();
        var today = BeijingTime.DateOf(now);
        var (domainRequest, mappingRefusals) = Mapping.ToDomain(request.Details);

        // The identity routes the submission to its applicant and says whether the caller may file it; the applicant
        // grain pre-checks it, knowing the recorded facts. Only a submission that cannot be handed on (no identity to
        // route by, or fields that did not map) is pre-checked here, to answer every reason at once.
        var identity = IdentityNumber.Parse(domainRequest.IdentityNumber, today);
        var applicantKey = identity.IsOk ? keys.For(identity.Value) : null;
        ActingFor(caller, applicantKey, domainRequest.CountyCode);
        if (applicantKey is null || !mappingRefusals.IsEmpty)
        {
            var precheck = Precheck.Evaluate(domainRequest, today, Policy);
            metrics.Prechecked(precheck.Verdict);
            var refusals = mappingRefusals.AddRange(precheck.Refusals);
            metrics.Refused(refusals);
            throw Errors.Refused(refusals, "details.");
        }

        Access.RequireChannel(caller, request.Details.Channel, request.Details.Materials);
        domainRequest = domainRequest with { Materials = await uploads.KeepAsync(request.Details.Materials, domainRequest.Materials, context.CancellationToken) };
        var result = await grains.Applicant(applicantKey).Submit(new SubmitApplication(request.RequestId, domainRequest, caller.Actor));
        return new P.SubmitApplicationResponse { Application = Mapping.ToProto(Calls.Unwrap(result, "details."), now), Replayed = result.Replayed };
    }

    public override async Task<P.GetApplicationResponse> GetApplication(P.GetApplicationRequest request, ServerCallContext context)
    {
        var caller = access.Require(context, CallerRole.Applicant, CallerRole.Clerk);
        var grain = await Permitted(caller, Calls.RequireNumber(request.Number));
        var application = Calls.Unwrap(await grain.Get());
        if (Disclosures.HoldsProtectedResults(application))
        {
            await disclosures.Record(caller, application.Number, nameof(GetApplication), request.Purpose, context.CancellationToken);
        }

        return new P.GetApplicationResponse { Application = Mapping.ToProto(application, clock.GetUtcNow()) };
    }

    public override async Task<P.ListMyApplicationsResponse> ListMyApplications(P.ListMyApplicationsRequest request, ServerCallContext context)
    {
        var caller = access.Require(context, CallerRole.Applicant, CallerRole.Clerk);

        // An applicant's token says who they are; a clerk names the person at the window, and sees their county's only.
        string applicantKey;
        if (caller.Role == CallerRole.Applicant && string.IsNullOrEmpty(request.IdentityNumber))
        {
            applicantKey = caller.ApplicantKey!;
        }
        else
        {
            applicantKey = keys.For(Calls.RequireIdentity(request.IdentityNumber, clock));
            access.RequirePerson(caller, applicantKey);
        }

        var snapshot = await grains.Applicant(applicantKey).Get();
        var numbers = snapshot.Applications.Where(n => caller.Role == CallerRole.Applicant || caller.Covers(n));
        var results = await Task.WhenAll(numbers.Select(n => grains.Application(n).Get()));

        // A reserved number whose application was never written is not an application.
        var applications = results.Where(r => r.IsOk).Select(r => r.Application!).Reverse().ToList();
        foreach (var application in applications.Where(Disclosures.HoldsProtectedResults))
        {
            await disclosures.Record(caller, application.Number, nameof(ListMyApplications), request.Purpose, context.CancellationToken);
        }

        var now = clock.GetUtcNow();
        var response = new P.ListMyApplicationsResponse();
        response.Applications.AddRange(applications.Select(a => Mapping.ToProto(a, now)));
        return response;
    }

    public override async Task<P.SupplementMaterialsResponse> SupplementMaterials(P.SupplementMaterialsRequest request, ServerCallContext context)
    {
        var caller = access.Require(context, CallerRole.Applicant, CallerRole.Clerk);
        Calls.RequireRequestId(request.RequestId);
        var number = Calls.RequireNumber(request.Number);
        var (mapped, refusals) = Mapping.ToDomain(new P.ApplicationDetails { Materials = { request.Materials } });
        if (!refusals.IsEmpty)
        {
            throw Errors.Refused(refusals);
        }

        var grain = await Permitted(caller, number);
        Access.RequireChannel(caller, P.Channel.Online, request.Materials);
        var now = clock.GetUtcNow();
        var kept = await uploads.KeepAsync(request.Materials, mapped.Materials, context.CancellationToken);
        var result = await grain.Supplement(new SupplementMaterials(request.RequestId, [.. kept], caller.Actor));
        return new P.SupplementMaterialsResponse { Application = Mapping.ToProto(Calls.Unwrap(result), now), Replayed = result.Replayed };
    }

    public override async Task<P.WithdrawApplicationResponse> WithdrawApplication(P.WithdrawApplicationRequest request, ServerCallContext context)
    {
        var caller = access.Require(context, CallerRole.Applicant, CallerRole.Clerk);
        Calls.RequireRequestId(request.RequestId);
        var grain = await Permitted(caller, Calls.RequireNumber(request.Number));
        var result = await grain.Withdraw(new WithdrawApplication(request.RequestId, request.Reason ?? "", caller.Actor));
        return new P.WithdrawApplicationResponse { Application = Mapping.ToProto(Calls.Unwrap(result), clock.GetUtcNow()), Replayed = result.Replayed };
    }

    public override async Task WatchApplication(P.WatchApplicationRequest request, IServerStreamWriter<P.WatchApplicationResponse> responseStream, ServerCallContext context)
    {
        var caller = access.Require(context, CallerRole.Applicant, CallerRole.Clerk);
        var number = Calls.RequireNumber(request.Number);
        // Events carry no matter results, so watching discloses nothing that needs the access audit.
        Calls.Unwrap(await (await Permitted(caller, number)).Get());

        // The durable log is the source: first what the caller missed, then new events as the notice stream says
        // they are written.
        using var wakeup = await notices.SubscribeAsync(n => n.ApplicationNumber == number);
        await context.WriteResponseHeadersAsync([]);
        // After closure only what is logged already follows (delivery, rating): the watch ends once it is sent.
        var after = Math.Max(0, request.AfterSequence);
        var closed = false;
        var cancellation = context.CancellationToken;
        while (!cancellation.IsCancellationRequested)
        {
            var events = await log.ReadAsync(number, after, 500, cancellation);
            foreach (var caseEvent in events)
            {
                await responseStream.WriteAsync(new P.WatchApplicationResponse { Event = Mapping.ToProto(caseEvent, forStaff: caller.Role != CallerRole.Applicant) }, cancellation);
                after = caseEvent.Sequence;
                closed |= caseEvent is ApplicationClosed;
            }

            if (events.Count == 0)
            {
                if (closed)
                {
                    return;
                }

                await wakeup.WaitAsync(cancellation);
            }
        }
    }

    public override async Task<P.AcceptApplicationResponse> AcceptApplication(P.AcceptApplicationRequest request, ServerCallContext context)
    {
        var (caller, grain) = await Reviewer(context, request.RequestId, request.Number);
        var result = await grain.Accept(new AcceptApplication(request.RequestId, caller.Actor));
        return new P.AcceptApplicationResponse { Application = Mapping.ToProto(Calls.Unwrap(result), clock.GetUtcNow()), Replayed = result.Replayed };
    }

    public override async Task<P.RefuseAcceptanceResponse> RefuseAcceptance(P.RefuseAcceptanceRequest request, ServerCallContext context)
    {
        var (caller, grain) = await Reviewer(context, request.RequestId, request.Number);
        var result = await grain.RefuseAcceptance(new RefuseAcceptance(request.RequestId, [.. request.Reasons], request.LegalBasis ?? "", caller.Actor));
        return new P.RefuseAcceptanceResponse { Application = Mapping.ToProto(Calls.Unwrap(result, ""), clock.GetUtcNow()), Replayed = result.Replayed };
    }

    public override async Task<P.RequestSupplementResponse> RequestSupplement(P.RequestSupplementRequest request, ServerCallContext context)
    {
        var (caller, grain) = await Reviewer(context, request.RequestId, request.Number);
        var items = request.Items.Select(i => new SupplementItem((Material)(int)i.Material, i.Reason ?? "")).ToImmutableArray();
        var result = await grain.RequestSupplement(new RequestSupplement(request.RequestId, items, caller.Actor));
        return new P.RequestSupplementResponse { Application = Mapping.ToProto(Calls.Unwrap(result, ""), clock.GetUtcNow()), Replayed = result.Replayed };
    }

    public override async Task<P.GetMaterialResponse> GetMaterial(P.GetMaterialRequest request, ServerCallContext context)
    {
        var caller = access.Require(context, CallerRole.Applicant, CallerRole.Clerk, CallerRole.Department);
        var number = Calls.RequireNumber(request.Number);
        var material = (Material)(int)request.Material;
        if (!MaterialRules.IsDefined(material))
        {
            throw Errors.Refused([Refusals.MaterialUnknown("material", (int)request.Material)], "");
        }

        var application = Calls.Unwrap(await (await Permitted(caller, number)).Get());
        Access.RequireMaterialOfOwnMatters(caller, application, material);
        if (application.Materials.Provided.FirstOrDefault(p => p.Material == material).File is not { } file)
        {
            throw Errors.NotFound("MATERIAL_FILE_NOT_FOUND", $"Application {number} has no uploaded file for {material}", $"申请 {number} 没有该材料的上传文件");
        }

        if (caller.Role != CallerRole.Applicant)
        {
            await disclosures.Record(caller, number, nameof(GetMaterial), request.Purpose, context.CancellationToken);
        }

        var content = await materials.GetAsync(file.Sha256, context.CancellationToken)
            ?? throw new InvalidOperationException($"The file {file.Sha256} of application {number} is missing from the material store.");
        return new P.GetMaterialResponse { File = Mapping.ToProto(file), Content = Google.Protobuf.ByteString.CopyFrom(content) };
    }

    public override async Task<P.RecordDispatchResponse> RecordDispatch(P.RecordDispatchRequest request, ServerCallContext context)
    {
        var (caller, grain) = await Reviewer(context, request.RequestId, request.Number);
        var result = await grain.RecordDispatch(new RecordDispatch(request.RequestId, Calls.RequireMatters(request.Matters), request.Carrier ?? "", request.WaybillNumber ?? "", caller.Actor));
        return new P.RecordDispatchResponse { Application = Mapping.ToProto(Calls.Unwrap(result, ""), clock.GetUtcNow()), Replayed = result.Replayed };
    }

    public override async Task<P.RecordPickUpResponse> RecordPickUp(P.RecordPickUpRequest request, ServerCallContext context)
    {
        var (caller, grain) = await Reviewer(context, request.RequestId, request.Number);
        var result = await grain.RecordPickUp(new RecordPickUp(request.RequestId, Calls.RequireMatters(request.Matters), request.CollectedBy ?? "", request.IdentityChecked, caller.Actor));
        return new P.RecordPickUpResponse { Application = Mapping.ToProto(Calls.Unwrap(result, ""), clock.GetUtcNow()), Replayed = result.Replayed };
    }

    public override async Task<P.ConfirmDeliveryResponse> ConfirmDelivery(P.ConfirmDeliveryRequest request, ServerCallContext context)
    {
        var caller = access.Require(context, CallerRole.Applicant, CallerRole.Clerk);
        Calls.RequireRequestId(request.RequestId);
        var grain = await Permitted(caller, Calls.RequireNumber(request.Number));
        var result = await grain.ConfirmDelivery(new ConfirmDelivery(request.RequestId, request.WaybillNumber ?? "", caller.Actor));
        return new P.ConfirmDeliveryResponse { Application = Mapping.ToProto(Calls.Unwrap(result, ""), clock.GetUtcNow()), Replayed = result.Replayed };
    }

    public override async Task<P.RateServiceResponse> RateService(P.RateServiceRequest request, ServerCallContext context)
    {
        var caller = access.Require(context, CallerRole.Applicant);
        Calls.RequireRequestId(request.RequestId);
        var grain = await Permitted(caller, Calls.RequireNumber(request.Number));
        var result = await grain.Rate(new RateService(request.RequestId, (RatingLevel)(int)request.Level, [.. request.Tags], NullIfEmpty(request.Comment), caller.Actor));
        return new P.RateServiceResponse { Application = Mapping.ToProto(Calls.Unwrap(result, ""), clock.GetUtcNow()), Replayed = result.Replayed };
    }

    public override async Task<P.RespondToRatingResponse> RespondToRating(P.RespondToRatingRequest request, ServerCallContext context)
    {
        var (caller, grain) = await Reviewer(context, request.RequestId, request.Number);
        var result = await grain.RespondToRating(new RespondToRating(request.RequestId, request.Response ?? "", caller.Actor));
        return new P.RespondToRatingResponse { Application = Mapping.ToProto(Calls.Unwrap(result, ""), clock.GetUtcNow()), Replayed = result.Replayed };
    }

    public override async Task<P.ListDocumentsResponse> ListDocuments(P.ListDocumentsRequest request, ServerCallContext context)
    {
        var caller = access.Require(context, CallerRole.Applicant, CallerRole.Clerk);
        var number = Calls.RequireNumber(request.Number);
        await Permitted(caller, number);
        var response = new P.ListDocumentsResponse();
        response.Documents.AddRange((await documents.ListAsync(number, context.CancellationToken)).Select(Summary));
        return response;
    }

    public override async Task<P.GetDocumentResponse> GetDocument(P.GetDocumentRequest request, ServerCallContext context)
    {
        var caller = access.Require(context, CallerRole.Applicant, CallerRole.Clerk);
        if (!DocumentNumbers.IsWellFormed(request.DocumentNumber))
        {
            throw Errors.Refused(Refusals.InvalidValue("documentNumber", "文书编号", "document number", "如 530102-2026-000042", "like 530102-2026-000042"));
        }

        // Unknown, or another's: the same answer, so a number tells nothing about whose it is.
        var document = await documents.GetAsync(request.DocumentNumber, context.CancellationToken);
        if (document is null || (caller.Role == CallerRole.Clerk && !caller.Covers(document.Application))
            || (caller.Role == CallerRole.Applicant && await grains.Application(document.Application).ApplicantKey() != caller.ApplicantKey))
        {
            throw Errors.NotFound("DOCUMENT_NOT_FOUND", "No such document of yours", "没有您可查看的该文书");
        }

        if (document.Kind == Domain.Documents.DocumentKind.ParticipationCertificate && caller.Role != CallerRole.Applicant)
        {
            await disclosures.Record(caller, document.Application, nameof(GetDocument), request.Purpose, context.CancellationToken);
        }

        var pdf = await documents.PdfAsync(document.Number, context.CancellationToken) ?? [];
        return new P.GetDocumentResponse { Document = Summary(document), Pdf = Google.Protobuf.ByteString.CopyFrom(pdf), Number = document.Application.Value };
    }

    public override async Task<P.ListMyMessagesResponse> ListMyMessages(P.ListMyMessagesRequest request, ServerCallContext context)
    {
        var caller = access.Require(context, CallerRole.Applicant);
        var number = Calls.RequireNumber(request.Number);
        await Permitted(caller, number);
        var response = new P.ListMyMessagesResponse();
        response.Messages.AddRange((await messages.InboxAsync(number.Value, context.CancellationToken)).Select(m => new P.CaseMessage
        {
            Sequence = m.Sequence,
            Kind = (P.MessageKind)(int)m.Kind,
            Text = m.Text,
            CreatedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(m.CreatedAt),
            Delivery = m.WebhookState switch
            {
                "none" => P.MessageDelivery.InboxOnly,
                "sent" => P.MessageDelivery.Sent,
                "failed" => P.MessageDelivery.Failed,
                _ => P.MessageDelivery.Sending,
            },
        }));
        return response;
    }

    public override async Task<P.RevokeDocumentResponse> RevokeDocument(P.RevokeDocumentRequest request, ServerCallContext context)
    {
        var caller = access.Require(context, CallerRole.Clerk);
        var refusals = new List<Refusal>();
        if (!DocumentNumbers.IsWellFormed(request.DocumentNumber))
        {
            refusals.Add(Refusals.InvalidValue("documentNumber", "文书编号", "document number", "如 530102-2026-000042", "like 530102-2026-000042"));
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            refusals.Add(Refusals.Required("reason", TextField.Reason.NameZh, TextField.Reason.NameEn));
        }
        else if (TextField.Reason.Check(request.Reason, "reason") is { } badReason)
        {
            refusals.Add(badReason);
        }

        if (refusals.Count > 0)
        {
            throw Errors.Refused([.. refusals]);
        }

        if (await documents.GetAsync(request.DocumentNumber, context.CancellationToken) is not { } document || !caller.Covers(document.Application))
        {
            throw Errors.NotFound("DOCUMENT_NOT_FOUND", "No such document of your county", "没有本县区的该文书");
        }

        if (!await documents.RevokeAsync(document.Number, request.Reason.Trim(), caller.Subject, clock.GetUtcNow(), context.CancellationToken))
        {
            throw Errors.Precondition("DOCUMENT_ALREADY_REVOKED", "The document was revoked before", "该文书已被撤销");
        }

        return new P.RevokeDocumentResponse { Document = Summary((await documents.GetAsync(document.Number, context.CancellationToken))!) };
    }

    private static P.DocumentSummary Summary(StoredDocument document) => new()
    {
        Number = document.Number, Kind = (P.DocumentKind)(int)document.Kind, IssuedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(document.IssuedAt),
        Code = document.Code, RevokedAt = document.RevokedAt is { } revoked ? Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(revoked) : null,
    };

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    /// <summary>A clerk of the application's county, acting on it with a request id.</summary>
    private async Task<(Caller Caller, IApplicationGrain Grain)> Reviewer(ServerCallContext context, string requestId, string number)
    {
        var caller = access.Require(context, CallerRole.Clerk);
        Calls.RequireRequestId(requestId);
        return (caller, await Permitted(caller, Calls.RequireNumber(number)));
    }

    /// <summary>The application's grain, once the caller may act on it: a clerk at its county, a department in its jurisdiction, or its own applicant.</summary>
    private async Task<IApplicationGrain> Permitted(Caller caller, ApplicationNumber number)
    {
        access.RequireArea(caller, number);
        var grain = grains.Application(number);
        await access.RequireOwner(caller, grain);
        return grain;
    }

    /// <summary>An applicant files for themselves only, a clerk for their county only (what cannot be read is validation's).</summary>
    private void ActingFor(Caller caller, string? applicantKey, string? county)
    {
        if (applicantKey is not null)
        {
            access.RequirePerson(caller, applicantKey);
        }

        access.RequireCounty(caller, county);
    }
}
