using System.CommandLine;
using Google.Protobuf;
using P = LingHuo.Protos.V1;

namespace LingHuo.Cli;

/// <summary>A case as people work it: the review queue and decisions, the supplement answer, delivery, 好差评 and rectification.</summary>
internal static class CaseWorkCommands
{
    public static IEnumerable<Command> Create(CliApp app)
    {
        var number = new Argument<string>("number") { Description = "Application number, e.g. 530102-20261128-000123." };
        var requestId = new Option<string>("--request-id") { Description = "Idempotency key; a retry with the same id returns the first outcome. Default: a new id." };
        var size = new Option<int>("--page-size") { Description = "How many (1-200).", DefaultValueFactory = _ => 50 };
        string Id(ParseResult parse) => parse.GetValue(requestId) ?? Guid.NewGuid().ToString("N");

        var queue = new Command("queue", "Clerks: the county's applications waiting for review or for a supplement, oldest first.") { size };
        app.Action(queue, async (parse, clients, print, ct) =>
        {
            var answer = await clients.Queries.ListReviewQueueAsync(new P.ListReviewQueueRequest { PageSize = parse.GetValue(size) }, cancellationToken: ct);
            print.Message(answer, () => print.Table(
                ["number", "waiting for", "applicant", "due (24:00)", "working days left"],
                answer.Items.Select(i => (IReadOnlyList<string>)
                [
                    i.Number, i.Status == P.ApplicationStatus.PreCheck ? "review" : "supplement", i.ApplicantMasked, i.Due?.Day ?? "",
                    i.WorkingDaysLeft.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ])));
            return 0;
        });

        var accept = new Command("accept", "受理: accept an application under review.") { number, requestId };
        app.Action(accept, async (parse, clients, print, ct) =>
        {
            print.Application((await clients.Applications.AcceptApplicationAsync(new P.AcceptApplicationRequest { RequestId = Id(parse), Number = parse.GetValue(number) }, cancellationToken: ct)).Application);
            return 0;
        });

        var reasons = new Option<string[]>("--reason") { Description = "A stated reason; repeatable.", Required = true };
        var basis = new Option<string>("--basis") { Description = "The legal basis.", Required = true };
        var refuse = new Command("refuse", "不予受理: refuse acceptance, with reasons and their legal basis.") { number, reasons, basis, requestId };
        app.Action(refuse, async (parse, clients, print, ct) =>
        {
            var answer = await clients.Applications.RefuseAcceptanceAsync(new P.RefuseAcceptanceRequest
            {
                RequestId = Id(parse), Number = parse.GetValue(number), Reasons = { parse.GetValue(reasons)! }, LegalBasis = parse.GetValue(basis),
            }, cancellationToken: ct);
            print.Application(answer.Application);
            return 0;
        });

        var items = new Option<string[]>("--item") { Description = "MATERIAL:reason, repeatable: everything to supplement, in one notice.", Required = true };
        var request = new Command("request-supplement", "补正告知: tell everything to supplement, once.") { number, items, requestId };
        app.Action(request, async (parse, clients, print, ct) =>
        {
            var notice = new P.RequestSupplementRequest { RequestId = Id(parse), Number = parse.GetValue(number) };
            foreach (var item in parse.GetValue(items)!)
            {
                var parts = item.Split(':', 2);
                notice.Items.Add(new P.SupplementItem { Material = Names.Parse<P.Material>(parts[0], "material"), Reason = parts.ElementAtOrDefault(1) ?? "" });
            }

            print.Application((await clients.Applications.RequestSupplementAsync(notice, cancellationToken: ct)).Application);
            return 0;
        });

        var materials = new Option<string[]>("--material") { Description = "MATERIAL:SOURCE[:reference], repeatable.", Required = true };
        var photo = new Option<FileInfo>("--photo") { Description = "The ID photo (JPEG or PNG) to upload." };
        var file = new Option<string[]>("--file") { Description = "MATERIAL=path of a PDF, JPEG or PNG to upload, repeatable." };
        var supplement = new Command("supplement", "Answer a supplement notice with every material it lists.") { number, materials, photo, file, requestId };
        app.Action(supplement, async (parse, clients, print, ct) =>
        {
            var files = (parse.GetValue(file) ?? []).Select(f => f.Split('=', 2)).ToDictionary(f => Names.Parse<P.Material>(f[0], "material"), f => ByteString.CopyFrom(File.ReadAllBytes(f[1])));
            if (parse.GetValue(photo) is { } photoFile)
            {
                files[P.Material.IdPhoto] = ByteString.CopyFrom(File.ReadAllBytes(photoFile.FullName));
            }

            var answer = new P.SupplementMaterialsRequest { RequestId = Id(parse), Number = parse.GetValue(number) };
            foreach (var text in parse.GetValue(materials)!)
            {
                var parts = text.Split(':', 3);
                var material = Names.Parse<P.Material>(parts[0], "material");
                answer.Materials.Add(new P.ProvidedMaterial
                {
                    Material = material, Source = Names.Parse<P.MaterialSource>(parts.ElementAtOrDefault(1) ?? "UPLOAD", "material source"),
                    Reference = parts.ElementAtOrDefault(2) ?? "", Content = files.GetValueOrDefault(material, ByteString.Empty),
                });
            }

            print.Application((await clients.Applications.SupplementMaterialsAsync(answer, cancellationToken: ct)).Application);
            return 0;
        });

        var material = new Argument<string>("material") { Description = "Which material, e.g. ID_PHOTO or 3." };
        var output = new Option<FileInfo>("--out") { Description = "Where to save the file.", Required = true };
        var purpose = new Option<string?>("--purpose") { Description = "Why you read it (recorded in the access audit; staff must say)." };
        var get = new Command("material", "Save an uploaded material of an application.") { number, material, output, purpose };
        app.Action(get, async (parse, clients, print, ct) =>
        {
            var answer = await clients.Applications.GetMaterialAsync(new P.GetMaterialRequest
            {
                Number = parse.GetValue(number), Material = Names.Parse<P.Material>(parse.GetValue(material)!, "material"), Purpose = parse.GetValue(purpose) ?? "",
            }, cancellationToken: ct);
            await File.WriteAllBytesAsync(parse.GetValue(output)!.FullName, answer.Content.ToByteArray(), ct);
            print.Message(answer.File, () => print.Line($"saved {answer.File.MediaType}, {answer.File.Size} bytes, sha256 {answer.File.Sha256}"));
            return 0;
        });

        var matters = new Option<string[]>("--matter") { Description = "Only these matters' results (codes or 1-9), repeatable; default every result awaiting delivery." };
        var carrier = new Option<string>("--carrier") { Description = "e.g. \"中国邮政 EMS\".", Required = true };
        var waybill = new Option<string>("--waybill") { Description = "The waybill number.", Required = true };
        var dispatch = new Command("dispatch", "寄递: results handed to a carrier (cash on delivery).") { number, matters, carrier, waybill, requestId };
        app.Action(dispatch, async (parse, clients, print, ct) =>
        {
            var answer = await clients.Applications.RecordDispatchAsync(new P.RecordDispatchRequest
            {
                RequestId = Id(parse), Number = parse.GetValue(number), Matters = { Matters(parse.GetValue(matters)) }, Carrier = parse.GetValue(carrier), WaybillNumber = parse.GetValue(waybill),
            }, cancellationToken: ct);
            print.Application(answer.Application);
            return 0;
        });

        var by = new Option<string>("--by") { Description = "Who collected (the applicant, or their agent).", Required = true };
        var checkedId = new Option<bool>("--identity-checked") { Description = "You checked the collector's identity document." };
        var pickUp = new Command("pick-up", "领取: results collected at the window.") { number, matters, by, checkedId, requestId };
        app.Action(pickUp, async (parse, clients, print, ct) =>
        {
            var answer = await clients.Applications.RecordPickUpAsync(new P.RecordPickUpRequest
            {
                RequestId = Id(parse), Number = parse.GetValue(number), Matters = { Matters(parse.GetValue(matters)) }, CollectedBy = parse.GetValue(by), IdentityChecked = parse.GetValue(checkedId),
            }, cancellationToken: ct);
            print.Application(answer.Application);
            return 0;
        });

        var received = new Command("confirm-delivery", "The parcel with this waybill was received.") { number, waybill, requestId };
        app.Action(received, async (parse, clients, print, ct) =>
        {
            print.Application((await clients.Applications.ConfirmDeliveryAsync(new P.ConfirmDeliveryRequest
            {
                RequestId = Id(parse), Number = parse.GetValue(number), WaybillNumber = parse.GetValue(waybill),
            }, cancellationToken: ct)).Application);
            return 0;
        });

        var level = new Option<string>("--level") { Description = "VERY_SATISFIED, SATISFIED, BASICALLY_SATISFIED, DISSATISFIED or VERY_DISSATISFIED (or 1-5).", Required = true };
        var tags = new Option<string[]>("--tag") { Description = "A tag, repeatable." };
        var comment = new Option<string>("--comment") { Description = "What you want to say (at most 500 characters)." };
        var rate = new Command("rate", "好差评: rate the service once, after closure.") { number, level, tags, comment, requestId };
        app.Action(rate, async (parse, clients, print, ct) =>
        {
            print.Application((await clients.Applications.RateServiceAsync(new P.RateServiceRequest
            {
                RequestId = Id(parse), Number = parse.GetValue(number), Level = Names.Parse<P.RatingLevel>(parse.GetValue(level)!, "rating level"),
                Tags = { parse.GetValue(tags) ?? [] }, Comment = parse.GetValue(comment) ?? "",
            }, cancellationToken: ct)).Application);
            return 0;
        });

        var response = new Option<string>("--response") { Description = "What was done.", Required = true };
        var respond = new Command("respond", "整改: answer a bad review; closes its rectification ticket.") { number, response, requestId };
        app.Action(respond, async (parse, clients, print, ct) =>
        {
            print.Application((await clients.Applications.RespondToRatingAsync(new P.RespondToRatingRequest
            {
                RequestId = Id(parse), Number = parse.GetValue(number), Response = parse.GetValue(response),
            }, cancellationToken: ct)).Application);
            return 0;
        });

        var prefix = new Option<string>("--county") { Description = "A county division code or prefix (operators)." };
        var tickets = new Command("rectifications", "Open rectification tickets, the earliest due first.") { prefix, size };
        app.Action(tickets, async (parse, clients, print, ct) =>
        {
            var answer = await clients.Queries.ListRectificationsAsync(new P.ListRectificationsRequest { CountyPrefix = parse.GetValue(prefix) ?? "", PageSize = parse.GetValue(size) }, cancellationToken: ct);
            print.Message(answer, () => print.Table(
                ["number", "rating", "due (24:00)", "working days left", "overdue"],
                answer.Items.Select(i => (IReadOnlyList<string>)
                [
                    i.Number, Names.Short(i.Level), i.Due.Day, i.WorkingDaysLeft.ToString(System.Globalization.CultureInfo.InvariantCulture), i.Overdue ? "OVERDUE" : "",
                ])));
            return 0;
        });

        var name = new Option<string>("--name") { Description = "The applicant's name, as on the application.", Required = true };
        var progress = new Command("progress", "办件进度查询: where an application stands, by its number and the applicant's name (no token needed).") { number, name };
        app.Action(progress, async (parse, clients, print, ct) =>
        {
            var answer = await clients.Public.LookupProgressAsync(new P.LookupProgressRequest { Number = parse.GetValue(number), ApplicantName = parse.GetValue(name) }, cancellationToken: ct);
            print.Message(answer, () =>
            {
                print.Line($"Application  {answer.Number}: {answer.StepZh} / {answer.StepEn}");
                if (answer.NextZh.Length > 0)
                {
                    print.Line($"Next         {answer.NextZh} / {answer.NextEn}");
                }

                foreach (var item in answer.SupplementItems)
                {
                    print.Line($"  - {Names.Short(item.Material)}: {item.Reason}");
                }

                if (answer.Sla is { } sla)
                {
                    print.Line($"Committed    24:00 {sla.Committed.Day}   Statutory 24:00 {sla.Statutory.Day}");
                }

                print.Table(
                    ["department", "matters", "completed", "waiting for you", "ended otherwise"],
                    answer.Departments.Select(d => (IReadOnlyList<string>)
                    [
                        Names.Short(d.Department), Text(d.Matters), Text(d.Completed), Text(d.WaitingForApplicant), Text(d.EndedOtherwise),
                    ]));
            });
            return 0;
        });

        var documentNumber = new Argument<string>("document") { Description = "Document number, e.g. 530102-2026-000042." };
        var documentGet = new Command("get", "Save a document's PDF, as issued.") { documentNumber, output, purpose };
        app.Action(documentGet, async (parse, clients, print, ct) =>
        {
            var answer = await clients.Applications.GetDocumentAsync(
                new P.GetDocumentRequest { DocumentNumber = parse.GetValue(documentNumber), Purpose = parse.GetValue(purpose) ?? "" }, cancellationToken: ct);
            await File.WriteAllBytesAsync(parse.GetValue(output)!.FullName, answer.Pdf.ToByteArray(), ct);
            print.Message(answer.Document, () => print.Line($"saved {Names.Short(answer.Document.Kind)} {answer.Document.Number} of {answer.Number}: {answer.Pdf.Length} bytes, code {answer.Document.Code}"));
            return 0;
        });
        var documentList = new Command("list", "An application's documents, oldest first.") { number };
        app.Action(documentList, async (parse, clients, print, ct) =>
        {
            var answer = await clients.Applications.ListDocumentsAsync(new P.ListDocumentsRequest { Number = parse.GetValue(number) }, cancellationToken: ct);
            print.Message(answer, () => print.Table(
                ["number", "kind", "issued", "code"],
                answer.Documents.Select(d => (IReadOnlyList<string>)
                    [d.Number, Names.Short(d.Kind), Local(d.IssuedAt), d.Code + (d.RevokedAt is null ? "" : " (revoked)")])));
            return 0;
        });
        var revokeReason = new Option<string>("--reason") { Description = "Why the document is revoked (撤销).", Required = true };
        var documentRevoke = new Command("revoke", "Revoke a document issued in error (a clerk of its county); verification answers REVOKED from then on.") { documentNumber, revokeReason };
        app.Action(documentRevoke, async (parse, clients, print, ct) =>
        {
            var answer = await clients.Applications.RevokeDocumentAsync(
                new P.RevokeDocumentRequest { DocumentNumber = parse.GetValue(documentNumber), Reason = parse.GetValue(revokeReason) }, cancellationToken: ct);
            print.Message(answer, () => print.Line($"revoked {Names.Short(answer.Document.Kind)} {answer.Document.Number}"));
            return 0;
        });
        var document = new Command("document", "Numbered notices and certificates: list an application's, save one as PDF, revoke one.") { documentGet, documentList, documentRevoke };

        var messages = new Command("messages", "The applicant's in-app inbox for an application, and how far each text message got.") { number };
        app.Action(messages, async (parse, clients, print, ct) =>
        {
            var answer = await clients.Applications.ListMyMessagesAsync(new P.ListMyMessagesRequest { Number = parse.GetValue(number) }, cancellationToken: ct);
            print.Message(answer, () => print.Table(
                ["#", "kind", "at", "text message", "text"],
                answer.Messages.Select(m => (IReadOnlyList<string>)
                    [m.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), Names.Short(m.Kind), Local(m.CreatedAt), Names.Short(m.Delivery), m.Text])));
            return 0;
        });

        var pageSize = new Option<int>("--page-size") { Description = "How many (1-200).", DefaultValueFactory = _ => 50 };
        var failed = new Command("failed", "Operators: text messages the platform's webhook gave up on, newest first.") { pageSize };
        app.Action(failed, async (parse, clients, print, ct) =>
        {
            var answer = await clients.Queries.ListFailedNotificationsAsync(new P.ListFailedNotificationsRequest { PageSize = parse.GetValue(pageSize) }, cancellationToken: ct);
            print.Message(answer, () => print.Table(
                ["number", "#", "kind", "phone", "at", "attempts", "last error"],
                answer.Items.Select(i => (IReadOnlyList<string>)
                [
                    i.Number, i.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), Names.Short(i.Kind), i.MaskedPhone, Local(i.CreatedAt),
                    Text(i.Attempts), i.LastError,
                ])));
            return 0;
        });
        var sequence = new Argument<long>("sequence") { Description = "The event the message belongs to (the # column)." };
        var retry = new Command("retry", "Operators: send a failed text message again.") { number, sequence };
        app.Action(retry, async (parse, clients, print, ct) =>
        {
            var answer = await clients.Queries.RetryNotificationAsync(new P.RetryNotificationRequest { Number = parse.GetValue(number), Sequence = parse.GetValue(sequence) }, cancellationToken: ct);
            print.Message(answer, () => print.Line($"queued {parse.GetValue(number)}/{parse.GetValue(sequence)} to be sent again"));
            return 0;
        });
        var notifications = new Command("notifications", "Operators: text messages that could not be sent, and sending them again.") { failed, retry };

        return [queue, accept, refuse, request, supplement, get, dispatch, pickUp, received, rate, respond, tickets, progress, document, messages, notifications];
    }

    private static string Local(Google.Protobuf.WellKnownTypes.Timestamp at) =>
        at.ToDateTimeOffset().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    private static string Text(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static IEnumerable<P.Matter> Matters(string[]? given) => (given ?? []).Select(m => Names.Parse<P.Matter>(m, "matter"));
}
