using System.Collections.Immutable;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using LingHuo.Domain;
using LingHuo.Domain.Calendar;
using LingHuo.Domain.Cases;
using LingHuo.Domain.Catalog;
using LingHuo.Domain.Eligibility;
using LingHuo.Domain.Intake;
using LingHuo.Domain.Premiums;
using LingHuo.Persistence.EventLog;
using P = LingHuo.Protos.V1;

namespace LingHuo.Gateway;

/// <summary>Proto to domain and back. Enum numbers are the same on both sides by design, so enums map by value.</summary>
public static class Mapping
{
    public static (ApplicationRequest Request, ImmutableArray<Refusal> Refusals) ToDomain(P.ApplicationDetails? details)
    {
        if (details is null)
        {
            return (new ApplicationRequest(), [Refusals.Required("", "申请内容", "application details")]);
        }

        var refusals = ImmutableArray.CreateBuilder<Refusal>();
        decimal? contributionBase = null;
        if (!string.IsNullOrWhiteSpace(details.ContributionBase))
        {
            if (decimal.TryParse(details.ContributionBase, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed))
            {
                contributionBase = parsed;
            }
            else
            {
                refusals.Add(Refusals.ContributionBaseNotANumber("contributionBase"));
            }
        }

        var materials = new List<ProvidedMaterial>(details.Materials.Count);
        for (var i = 0; i < details.Materials.Count; i++)
        {
            var material = details.Materials[i];
            materials.Add(new ProvidedMaterial(
                (Material)(int)material.Material, (MaterialSource)(int)material.Source, string.IsNullOrWhiteSpace(material.Reference) ? null : material.Reference));
            if (TextField.MaterialReference.Check(material.Reference, $"materials[{i}].reference") is { } reference)
            {
                refusals.Add(reference);
            }
        }

        refusals.AddRange(UploadCheck.Check(details.Materials));

        var request = new ApplicationRequest
        {
            IdentityNumber = details.IdentityNumber,
            ApplicantName = string.IsNullOrWhiteSpace(details.ApplicantName) ? null : details.ApplicantName.Trim(),
            ContactPhone = string.IsNullOrWhiteSpace(details.ContactPhone) ? null : details.ContactPhone.Trim(),
            Facts = ToDomain(details.Declaration),
            Channel = (Channel)(int)details.Channel,
            CountyCode = details.CountyCode,
            Matters = [.. details.Matters.Select(m => (Matter)(int)m)],
            Materials = materials,
            ContributionBase = contributionBase,
            PaymentCycle = details.PaymentCycle == P.PaymentCycle.Unspecified ? null : (PaymentCycle)(int)details.PaymentCycle,
            PledgeVersion = details.Pledge is { Agreed: true } pledge ? pledge.Version : null,
            Delivery = details.Delivery?.MethodCase switch
            {
                P.ResultDelivery.MethodOneofCase.Mail => new ResultDelivery(
                    DeliveryMethod.MailCashOnDelivery, details.Delivery.Mail.Recipient, details.Delivery.Mail.Phone, details.Delivery.Mail.Address, details.Delivery.Mail.PostalCode),
                _ => ResultDelivery.PickUp,
            },
        };
        return (request, refusals.ToImmutable());
    }

    public static ApplicantFacts ToDomain(P.ApplicantDeclaration? declaration) => declaration is null
        ? ApplicantFacts.None
        : new ApplicantFacts
        {
            IsFullTimeStudent = declaration.FullTimeStudent,
            DeclaredRetirementGroup = declaration.DeclaredRetirementGroup == P.RetirementGroup.Unspecified ? null : (RetirementGroup)(int)declaration.DeclaredRetirementGroup,
            EmploymentForm = (EmploymentForm)(int)declaration.EmploymentForm,
            HasSocialSecurityCardInYunnan = declaration.HasSocialSecurityCardInYunnan,
            HasEmployerMedicalInsurance = declaration.HasEmployerMedicalInsurance,
            HasEmploymentCertificate = declaration.HasEmploymentCertificate,
            HasContributionRecords = declaration.HasContributionRecords,
            HasSocialInsuranceRegistration = declaration.HasSocialInsuranceRegistration,
            HasFlexibleMedicalEnrollment = declaration.HasFlexibleMedicalEnrollment,
            HasEmploymentRegistration = declaration.HasEmploymentRegistration,
        };

    public static P.Application ToProto(Application application, DateTimeOffset now)
    {
        var proto = new P.Application
        {
            Number = application.Number.Value,
            Status = (P.ApplicationStatus)(int)application.Status,
            Outcome = (P.ApplicationOutcome)(int)application.Outcome,
            Channel = (P.Channel)(int)application.Channel,
            CountyCode = application.CountyCode,
            SubmittedAt = Timestamp.FromDateTimeOffset(application.SubmittedAt),
            Version = application.Version,
            PledgeVersion = application.PledgeVersion ?? "",
        };
        proto.Matters.AddRange(application.Matters.Select(ToProto));
        proto.Materials.AddRange(application.Materials.Provided.Select(p => new P.MaterialRecord
        {
            Material = (P.Material)(int)p.Material,
            Source = (P.MaterialSource)(int)p.Source,
            Reference = p.Reference ?? "",
            File = p.File is { } file ? ToProto(file) : null,
        }));
        proto.SupplementNotice.AddRange(application.SupplementNotice.IsDefault ? [] : application.SupplementNotice.Select(ToProto));
        proto.Delivery = ToProto(application.Delivery);
        proto.Deliveries.AddRange((application.Deliveries.IsDefault ? [] : application.Deliveries).Select(ToProto));
        proto.AwaitingDelivery.AddRange(application.AwaitingDelivery.Select(m => (P.Matter)(int)m));
        proto.Delivered = application.IsDelivered;
        if (application.Rating is { } rating)
        {
            proto.Rating = new P.ServiceRating
            {
                Level = (P.RatingLevel)(int)rating.Level, Comment = rating.Comment ?? "", At = Timestamp.FromDateTimeOffset(rating.At), Default = rating.IsDefault,
            };
            proto.Rating.Tags.AddRange(rating.Tags.IsDefault ? [] : rating.Tags);
        }

        if (application.RatingDefaultDue is { } ratingDue)
        {
            proto.RatingDefaultDue = ToProto(ratingDue);
        }

        if (application.Rectification is { } ticket)
        {
            proto.Rectification = new P.Rectification
            {
                OpenedAt = Timestamp.FromDateTimeOffset(ticket.OpenedAt), Due = ToProto(ticket.Due), Response = ticket.Response ?? "",
                RespondedAt = ticket.RespondedAt is { } responded ? Timestamp.FromDateTimeOffset(responded) : null,
                Overdue = ticket.IsOpen && now >= ticket.Due.At,
            };
        }
        if (application.ReviewDeadline is { } reviewDue)
        {
            proto.ReviewDue = ToProto(reviewDue);
        }

        if (application.ReceivedAt is { } received)
        {
            proto.ReceivedAt = Timestamp.FromDateTimeOffset(received);
        }
        proto.MissingMaterials.AddRange(application.Materials.Missing.Select(m => (P.Material)(int)m));
        if (application.Sla is { } sla)
        {
            proto.Sla = new P.Sla
            {
                AcceptedAt = Timestamp.FromDateTimeOffset(sla.AcceptedAt),
                Committed = ToProto(sla.Committed),
                Statutory = ToProto(sla.Statutory),
                State = application.IsClosed ? P.SlaState.Unspecified : (P.SlaState)(int)sla.StateAt(now),
                PausedSince = sla.PausedSince is { } paused ? Timestamp.FromDateTimeOffset(paused) : null,
            };
        }

        if (application.SupplementDeadline is { } due)
        {
            proto.SupplementDue = ToProto(due);
        }

        if (application.ClosedAt is { } closed)
        {
            proto.ClosedAt = Timestamp.FromDateTimeOffset(closed);
        }

        return proto;
    }

    public static P.MatterState ToProto(MatterState state)
    {
        var proto = new P.MatterState
        {
            Matter = (P.Matter)(int)state.Matter,
            Department = (P.Department)(int)state.Department,
            Status = (P.MatterStatus)(int)state.Status,
            Handler = state.Handler ?? "",
            Reason = state.Reason ?? "",
        };
        proto.WaitsFor.AddRange(state.WaitsFor.Select(m => (P.Matter)(int)m));
        proto.SupplementItems.AddRange((state.SupplementItems.IsDefault ? [] : state.SupplementItems).Select(ToProto));
        if (state.Result is { } result)
        {
            proto.Result = new P.MatterResult { Number = result.Number ?? "", Note = result.Note ?? "" };
            proto.Result.Documents.AddRange(result.Documents.IsDefault ? [] : result.Documents);
        }

        return proto;
    }

    public static P.DeliveryRecord ToProto(DeliveryRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var proto = new P.DeliveryRecord
        {
            Kind = (P.DeliveryKind)(int)record.Kind, At = Timestamp.FromDateTimeOffset(record.At), Carrier = record.Carrier ?? "",
            WaybillNumber = record.Waybill ?? "", CollectedBy = record.CollectedBy ?? "",
            ConfirmedAt = record.ConfirmedAt is { } confirmed ? Timestamp.FromDateTimeOffset(confirmed) : null,
        };
        proto.Matters.AddRange(record.Matters.Select(m => (P.Matter)(int)m));
        return proto;
    }

    public static P.MaterialFile ToProto(MaterialFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return new P.MaterialFile { Sha256 = file.Sha256, MediaType = file.MediaType, Size = file.Size, UploadedAt = Timestamp.FromDateTimeOffset(file.UploadedAt) };
    }

    public static P.SupplementItem ToProto(SupplementItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new P.SupplementItem { Material = (P.Material)(int)item.Material, Reason = item.Reason };
    }

    public static P.ResultDelivery ToProto(ResultDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return delivery.Method == DeliveryMethod.MailCashOnDelivery
            ? new P.ResultDelivery
            {
                Mail = new P.MailCashOnDelivery { Recipient = delivery.Recipient ?? "", Phone = delivery.Phone ?? "", Address = delivery.Address ?? "", PostalCode = delivery.PostalCode ?? "" },
            }
            : new P.ResultDelivery { PickUp = new P.PickUp() };
    }

    public static P.Deadline ToProto(Deadline deadline) => new()
    {
        Day = deadline.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        At = Timestamp.FromDateTimeOffset(deadline.At),
        Provisional = deadline.IsProvisional,
    };

    public static P.Refusal ToProto(Refusal refusal, string fieldPrefix = "details.") => new()
    {
        Code = (P.RefusalCode)(int)refusal.Code,
        Field = Errors.FieldPath(fieldPrefix, refusal.Field),
        MessageZh = refusal.MessageZh,
        MessageEn = refusal.MessageEn,
    };

    public static P.PremiumEstimate ToProto(PremiumEstimate estimate) => new()
    {
        ContributionBase = Money(estimate.ContributionBase),
        PaymentCycle = (P.PaymentCycle)(int)estimate.Cycle,
        PensionMonthly = Money(estimate.PensionMonthly),
        PensionPersonalAccountMonthly = Money(estimate.PensionPersonalAccountMonthly),
        PensionPooledMonthly = Money(estimate.PensionPooledMonthly),
        MedicalMonthly = estimate.MedicalMonthly is { } medical ? Money(medical) : "",
        TotalPerCycle = Money(estimate.TotalPerCycle),
    };

    /// <summary>
    /// A logged event as subscribers see it: its matter and department, outcome, and reason or alert where it has one;
    /// who caused it only for staff (<paramref name="forStaff"/>).
    /// </summary>
    public static P.CaseEvent ToProto(CaseEvent caseEvent, bool forStaff)
    {
        ArgumentNullException.ThrowIfNull(caseEvent);
        var proto = new P.CaseEvent { Sequence = caseEvent.Sequence, Type = caseEvent.GetType().Name, OccurredAt = Timestamp.FromDateTimeOffset(caseEvent.At) };
        var (matter, reason) = caseEvent switch
        {
            MatterReady e => (e.Matter, null),
            MatterClaimed e => (e.Matter, null),
            MatterCompleted e => (e.Matter, null),
            MatterRejected e => (e.Matter, e.Reason),
            MatterCancelled e => (e.Matter, e.Reason.ToString()),
            MatterSupplementRequested e => (e.Matter, null),
            MatterSupplemented e => (e.Matter, null),
            ApplicationWithdrawn e => (default(Matter?), e.Reason),
            AcceptanceRefused e => (default(Matter?), string.Join("；", e.Reasons.IsDefault ? [] : e.Reasons)),
            SlaAlertRaised e => (default(Matter?), e.Alert.ToString()),
            RectificationOverdue e => (default(Matter?), e.Due.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ServiceRated e => (default(Matter?), e.Level.ToString()),
            _ => (default(Matter?), default(string)),
        };
        if (matter is { } m)
        {
            proto.Matter = (P.Matter)(int)m;
            proto.Department = (P.Department)(int)Matters.DepartmentOf(m);
        }

        switch (caseEvent)
        {
            case ApplicationClosed closed:
                proto.Outcome = (P.ApplicationOutcome)(int)closed.Outcome;
                break;
            case SupplementRequested requested when !requested.Items.IsDefault:
                proto.SupplementItems.AddRange(requested.Items.Select(ToProto));
                break;
            case MatterSupplementRequested returned when !returned.Items.IsDefault:
                proto.SupplementItems.AddRange(returned.Items.Select(ToProto));
                break;
            case ApplicationAccepted accepted:
                proto.Deemed = accepted.Deemed;
                break;
        }

        if (forStaff && caseEvent.Actor is { } actor)
        {
            proto.Actor = new P.Actor { Kind = (P.ActorKind)(int)actor.Kind, Subject = actor.Subject, Area = actor.Area ?? "" };
        }

        proto.Reason = reason ?? "";
        return proto;
    }

    public static P.SubscribeWorkItemsResponse ToProto(FeedItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new P.SubscribeWorkItemsResponse { Sequence = item.Sequence, ApplicationNumber = item.Number.Value, Event = ToProto(item.Event, forStaff: true) };
    }

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
