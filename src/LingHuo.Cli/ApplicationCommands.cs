using System.CommandLine;
using Google.Protobuf;
using Grpc.Core;
using P = LingHuo.Protos.V1;

namespace LingHuo.Cli;

internal static class ApplicationCommands
{
    private static readonly P.Matter[] AllMatters = [.. Enum.GetValues<P.Matter>().Skip(1)];

    public static IEnumerable<Command> Create(CliApp app)
    {
        var details = new DetailsOptions();

        var precheck = new Command("precheck", "Everything that would block an application, all at once; creates nothing.");
        details.AddTo(precheck);
        app.Action(precheck, async (parse, clients, print, ct) =>
        {
            var answer = await clients.Applications.PrecheckApplicationAsync(new P.PrecheckApplicationRequest { Details = details.Read(parse) }, cancellationToken: ct);
            print.Message(answer, () =>
            {
                print.Line($"Verdict      {Names.Short(answer.Verdict)}");
                print.Line($"Committed    24:00 {answer.Committed.Day}   Statutory 24:00 {answer.Statutory.Day}");
                if (answer.Premium is { } premium)
                {
                    print.Line($"Premium      pension {premium.PensionMonthly} CNY/month, {premium.TotalPerCycle} per {Names.Short(premium.PaymentCycle).ToLowerInvariant()} payment");
                }

                foreach (var refusal in answer.Refusals)
                {
                    print.Line($"  - {Names.Short(refusal.Code)} {refusal.Field}: {refusal.MessageEn} / {refusal.MessageZh}");
                }
            });
            return answer.Verdict == P.PrecheckVerdict.Pass ? 0 : 1;
        });

        var requestId = new Option<string>("--request-id") { Description = "Idempotency key; a retry with the same id returns the first outcome. Default: a new id." };
        var submit = new Command("submit", "File an application (accepted at once when complete).");
        details.AddTo(submit);
        submit.Options.Add(requestId);
        app.Action(submit, async (parse, clients, print, ct) =>
        {
            var answer = await clients.Applications.SubmitApplicationAsync(
                new P.SubmitApplicationRequest { RequestId = parse.GetValue(requestId) ?? Guid.NewGuid().ToString("N"), Details = details.Read(parse) }, cancellationToken: ct);
            print.Message(answer, () =>
            {
                print.Application(answer.Application);
                if (answer.Replayed)
                {
                    print.Line("(a retry: this is the first outcome of that request id)");
                }
            });
            return 0;
        });

        var number = new Argument<string>("number") { Description = "Application number, e.g. 530102-20261128-000123." };
        var purpose = new Option<string?>("--purpose") { Description = "Why you read it (recorded in the access audit when it holds protected personal data)." };
        var get = new Command("get", "Show an application.") { number, purpose };
        app.Action(get, async (parse, clients, print, ct) =>
        {
            print.Application((await clients.Applications.GetApplicationAsync(new P.GetApplicationRequest { Number = parse.GetValue(number), Purpose = parse.GetValue(purpose) ?? "" }, cancellationToken: ct)).Application);
            return 0;
        });

        var identity = new Option<string>("--id") { Description = "The applicant's identity number (a clerk gives it; an applicant's token already says who)." };
        var list = new Command("list", "A person's applications, newest first.") { identity, purpose };
        app.Action(list, async (parse, clients, print, ct) =>
        {
            var answer = await clients.Applications.ListMyApplicationsAsync(new P.ListMyApplicationsRequest { IdentityNumber = parse.GetValue(identity) ?? "", Purpose = parse.GetValue(purpose) ?? "" }, cancellationToken: ct);
            print.Message(answer, () => print.Table(
                ["number", "status", "outcome", "committed"],
                answer.Applications.Select(a => (IReadOnlyList<string>)
                [a.Number, Names.Short(a.Status), a.Outcome == P.ApplicationOutcome.Unspecified ? "" : Names.Short(a.Outcome), a.Sla?.Committed.Day ?? ""])));
            return 0;
        });

        var reason = new Option<string>("--reason") { Description = "Why." };
        var withdraw = new Command("withdraw", "Withdraw an application: open matters are cancelled.") { number, reason, requestId };
        app.Action(withdraw, async (parse, clients, print, ct) =>
        {
            var answer = await clients.Applications.WithdrawApplicationAsync(new P.WithdrawApplicationRequest
            {
                RequestId = parse.GetValue(requestId) ?? Guid.NewGuid().ToString("N"), Number = parse.GetValue(number), Reason = parse.GetValue(reason) ?? "",
            }, cancellationToken: ct);
            print.Application(answer.Application);
            return 0;
        });

        var after = new Option<long>("--after") { Description = "Start after this event sequence number (default: the whole history)." };
        var watch = new Command("watch", "Follow an application's changes until it closes (Ctrl-C to stop).") { number, after };
        app.Action(watch, async (parse, clients, print, ct) =>
        {
            using var call = clients.Applications.WatchApplication(new P.WatchApplicationRequest { Number = parse.GetValue(number), AfterSequence = parse.GetValue(after) }, cancellationToken: ct);
            await foreach (var message in call.ResponseStream.ReadAllAsync(ct))
            {
                var e = message.Event;
                print.Message(message, () => print.Line(
                    $"{e.Sequence,4}  {e.OccurredAt.ToDateTimeOffset().ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm:ss}  {e.Type,-22} " +
                    $"{(e.Matter == P.Matter.Unspecified ? "" : Names.Short(e.Matter))} {(e.Outcome == P.ApplicationOutcome.Unspecified ? "" : Names.Short(e.Outcome))} {e.Reason}".TrimEnd()));
            }

            return 0;
        });

        return [precheck, submit, get, list, withdraw, watch];
    }

    /// <summary>The application's fields as flags, or a whole ApplicationDetails in protobuf JSON with --file.</summary>
    private sealed class DetailsOptions
    {
        private readonly Option<FileInfo> _file = new("--file") { Description = "ApplicationDetails as protobuf JSON (other flags are then ignored)." };
        private readonly Option<string> _identity = new("--id") { Description = "The applicant's identity number." };
        private readonly Option<string> _county = new("--county") { Description = "County division code.", DefaultValueFactory = _ => "530102" };
        private readonly Option<string> _channel = new("--channel") { Description = "ONLINE or WINDOW.", DefaultValueFactory = _ => "ONLINE" };
        private readonly Option<string> _matters = new("--matters") { Description = "Comma-separated matters (codes or 1-9); default all nine." };
        private readonly Option<string[]> _materials = new("--material") { Description = "MATERIAL:SOURCE, repeatable (e.g. APPLICATION_FORM:UPLOAD); default what the matters need." };
        private readonly Option<FileInfo> _photo = new("--photo") { Description = "The ID photo (JPEG or PNG) to upload." };
        private readonly Option<string> _base = new("--base") { Description = "Monthly contribution base in yuan (default 5000 when PREMIUM_DECLARATION is chosen)." };
        private readonly Option<string> _cycle = new("--cycle") { Description = "MONTHLY, QUARTERLY, HALF_YEARLY or YEARLY.", DefaultValueFactory = _ => "MONTHLY" };
        private readonly Option<string> _employment = new("--employment") { Description = "SELF_EMPLOYED_OPERATOR or OTHER_FLEXIBLE_EMPLOYMENT.", DefaultValueFactory = _ => "OTHER_FLEXIBLE_EMPLOYMENT" };
        private readonly Option<bool> _student = new("--student") { Description = "The applicant is a full-time student." };
        private readonly Option<string> _mail = new("--mail") { Description = "Mail the result cash on delivery: \"recipient|phone|address\"." };
        private readonly Option<string> _name = new("--name") { Description = "The applicant's name as on the identity document.", DefaultValueFactory = _ => "张三" };
        private readonly Option<string> _phone = new("--phone") { Description = "The applicant's mobile number for text messages (11 digits); without one, messages reach the in-app inbox only." };
        private readonly Option<string> _pledge = new("--pledge") { Description = "The version of the truthfulness pledge (申请人承诺) the applicant agreed to.", DefaultValueFactory = _ => "2026-01" };

        public void AddTo(Command command)
        {
            foreach (var option in new Option[] { _file, _identity, _county, _channel, _matters, _materials, _photo, _base, _cycle, _employment, _student, _mail, _pledge, _name, _phone })
            {
                command.Options.Add(option);
            }
        }

        public P.ApplicationDetails Read(ParseResult parse)
        {
            if (parse.GetValue(_file) is { } file)
            {
                return JsonParser.Default.Parse<P.ApplicationDetails>(File.ReadAllText(file.FullName));
            }

            var channel = Names.Parse<P.Channel>(parse.GetValue(_channel)!, "channel");
            var matters = parse.GetValue(_matters) is { Length: > 0 } chosen
                ? chosen.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(m => Names.Parse<P.Matter>(m, "matter")).ToArray()
                : AllMatters;
            var details = new P.ApplicationDetails
            {
                IdentityNumber = parse.GetValue(_identity) ?? throw new ArgumentException("--id (the identity number) is required, or --file."),
                Declaration = new P.ApplicantDeclaration
                {
                    EmploymentForm = Names.Parse<P.EmploymentForm>(parse.GetValue(_employment)!, "employment form"),
                    FullTimeStudent = parse.GetValue(_student),
                },
                Channel = channel,
                CountyCode = parse.GetValue(_county),
                Matters = { matters },
                ContributionBase = parse.GetValue(_base) ?? (matters.Contains(P.Matter.PremiumDeclaration) ? "5000" : ""),
                PaymentCycle = matters.Contains(P.Matter.PremiumDeclaration) ? Names.Parse<P.PaymentCycle>(parse.GetValue(_cycle)!, "payment cycle") : P.PaymentCycle.Unspecified,
                Pledge = new P.Pledge { Agreed = true, Version = parse.GetValue(_pledge) },
                ApplicantName = parse.GetValue(_name),
                ContactPhone = parse.GetValue(_phone) ?? "",
            };

            var photo = parse.GetValue(_photo) is { } photoFile ? ByteString.CopyFrom(File.ReadAllBytes(photoFile.FullName)) : ByteString.Empty;
            details.Materials.AddRange(parse.GetValue(_materials) is { Length: > 0 } given
                ? given.Select(m => Material(m, photo))
                : DefaultMaterials(channel, matters, details.Declaration.EmploymentForm, photo));

            if (parse.GetValue(_mail) is { } mail)
            {
                var parts = mail.Split('|');
                details.Delivery = new P.ResultDelivery
                {
                    Mail = new P.MailCashOnDelivery { Recipient = parts.ElementAtOrDefault(0) ?? "", Phone = parts.ElementAtOrDefault(1) ?? "", Address = parts.ElementAtOrDefault(2) ?? "" },
                };
            }

            return details;
        }

        private static P.ProvidedMaterial Material(string text, ByteString photo)
        {
            var parts = text.Split(':', 2);
            var material = Names.Parse<P.Material>(parts[0], "material");
            var source = Names.Parse<P.MaterialSource>(parts.ElementAtOrDefault(1) ?? "UPLOAD", "material source");
            return new P.ProvidedMaterial
            {
                Material = material,
                Source = source,
                Content = material == P.Material.IdPhoto ? photo : ByteString.Empty,
                Reference = material == P.Material.IdPhoto && !photo.IsEmpty ? "" : "cli:" + Names.Short(material).ToLowerInvariant(),
            };
        }

        // What the chosen matters need on the channel, in the usual form for it.
        private static IEnumerable<P.ProvidedMaterial> DefaultMaterials(P.Channel channel, P.Matter[] matters, P.EmploymentForm form, ByteString photo)
        {
            var paper = channel == P.Channel.Window;
            yield return Material($"APPLICATION_FORM:{(paper ? "PAPER_ORIGINAL" : "UPLOAD")}", photo);
            yield return Material($"IDENTITY_DOCUMENT:{(paper ? "PAPER_ORIGINAL" : "DATA_SHARING")}", photo);
            if (matters.Contains(P.Matter.SocialSecurityCard))
            {
                yield return Material("ID_PHOTO:UPLOAD", photo);
            }

            if (paper && matters.Contains(P.Matter.PersonnelFile))
            {
                yield return Material("INSURANCE_PROOF:PAPER_ORIGINAL", photo);
            }

            // A self-employed operator registering employment shows the business licence, looked up by data sharing.
            if (form == P.EmploymentForm.SelfEmployedOperator && matters.Contains(P.Matter.EmploymentRegistration))
            {
                yield return Material("BUSINESS_LICENCE:DATA_SHARING", photo);
            }
        }
    }
}
