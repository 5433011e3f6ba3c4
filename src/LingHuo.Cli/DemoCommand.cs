using System.Buffers.Binary;
using System.CommandLine;
using Google.Protobuf;
using Grpc.Core;
using LingHuo.Contracts;
using LingHuo.Domain.Identity;
using P = LingHuo.Protos.V1;

namespace LingHuo.Cli;

/// <summary>
/// <c>linghuo demo</c>: made-up people submit nine-matter applications online and the county works each one as a window
/// does: review, one supplement notice, its answer, acceptance; the departments (simulated meanwhile, as `./run.sh
/// --demo` does) complete the matters; the results are collected at the window and the applicant rates the service.
/// The caller's token is the clerk's; the applicants' tokens are signed with the development key.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CliApp app)
    {
        var count = new Option<int>("--applications") { Description = "How many applications.", DefaultValueFactory = _ => 3 };
        var county = new Option<string>("--county") { Description = "County division code (the clerk's).", DefaultValueFactory = _ => "530102" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for closure.", DefaultValueFactory = _ => 120 };
        var secret = new Option<string?>("--applicant-key-secret") { Description = $"The platform's applicant-key secret (default ${TokenCommands.ApplicantSecretVariable}, or .data/applicant-key.secret)." };
        var command = new Command("demo", "Sample applications worked from review to rating (the clerk's token; departments simulated).") { count, county, timeout, secret };
        app.Action(command, async (parse, clerk, print, ct) =>
        {
            var cases = new List<(string Number, Metadata Applicant)>();
            for (var i = 0; i < parse.GetValue(count); i++)
            {
                var identity = SampleIdentity();
                var applicant = new Metadata
                {
                    { "authorization", "Bearer " + TokenCommands.Development(
                        CallerTokens.Claims(CallerRole.Applicant, "demo-applicant-" + i, applicantKey: TokenCommands.ApplicantKey(identity, parse.GetValue(secret))), TimeSpan.FromHours(1)) },
                };
                var received = (await clerk.Applications.SubmitApplicationAsync(
                    new P.SubmitApplicationRequest { RequestId = NewId(), Details = Details(identity, parse.GetValue(county)!) }, applicant, cancellationToken: ct)).Application;
                print.Line($"收件 received    {received.Number} for {IdentityMask.Mask(identity)}: {Names.Short(received.Status)}, review by 24:00 {received.ReviewDue?.Day}");

                var notice = await clerk.Applications.RequestSupplementAsync(new P.RequestSupplementRequest
                {
                    RequestId = NewId(), Number = received.Number, Items = { new P.SupplementItem { Material = P.Material.IdPhoto, Reason = "照片背景不是白色 / the background is not white" } },
                }, cancellationToken: ct);
                print.Line($"补正 supplement  {received.Number}: ID photo, answer by 24:00 {notice.Application.SupplementDue.Day}");

                var answered = await clerk.Applications.SupplementMaterialsAsync(new P.SupplementMaterialsRequest
                {
                    RequestId = NewId(), Number = received.Number,
                    Materials = { new P.ProvidedMaterial { Material = P.Material.IdPhoto, Source = P.MaterialSource.Upload, Content = Photo(), MediaType = "image/png" } },
                }, applicant, cancellationToken: ct);
                print.Line($"补正 answered    {received.Number}: {Names.Short(answered.Application.Status)} again, review by 24:00 {answered.Application.ReviewDue?.Day}");

                var accepted = (await clerk.Applications.AcceptApplicationAsync(new P.AcceptApplicationRequest { RequestId = NewId(), Number = received.Number }, cancellationToken: ct)).Application;
                print.Line($"受理 accepted    {received.Number}: committed 24:00 {accepted.Sla.Committed.Day}, statutory 24:00 {accepted.Sla.Statutory.Day}");
                cases.Add((received.Number, applicant));
            }

            if (!await AllClosedAsync(clerk, cases.Select(c => c.Number).ToList(), parse.GetValue(timeout), print, ct))
            {
                return 3;
            }

            foreach (var (number, applicant) in cases)
            {
                var picked = (await clerk.Applications.RecordPickUpAsync(new P.RecordPickUpRequest
                {
                    RequestId = NewId(), Number = number, CollectedBy = "本人 / the applicant", IdentityChecked = true,
                }, cancellationToken: ct)).Application;
                print.Line($"领取 collected   {number}: {(picked.Delivered ? "every result delivered" : "awaiting " + string.Join(", ", picked.AwaitingDelivery.Select(Names.Short)))}");
                var rated = (await clerk.Applications.RateServiceAsync(new P.RateServiceRequest
                {
                    RequestId = NewId(), Number = number, Level = P.RatingLevel.VerySatisfied, Tags = { "一次办好" },
                }, applicant, cancellationToken: ct)).Application;
                print.Line($"好评 rated       {number}: {Names.Short(rated.Rating.Level)}");
                var documents = (await clerk.Applications.ListDocumentsAsync(new P.ListDocumentsRequest { Number = number }, cancellationToken: ct)).Documents;
                print.Line($"文书 documents   {number}: " + string.Join(", ", documents.Select(d => $"{Names.Short(d.Kind)} {d.Number}")));
                var inbox = (await clerk.Applications.ListMyMessagesAsync(new P.ListMyMessagesRequest { Number = number }, applicant, cancellationToken: ct)).Messages;
                print.Line($"消息 messages    {number}: " + string.Join(", ", inbox.Select(m => Names.Short(m.Kind))));
            }

            return 0;
        });
        return command;
    }

    private static async Task<bool> AllClosedAsync(Clients clients, List<string> numbers, int timeoutSeconds, Output print, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        var last = "";
        while (true)
        {
            var states = await Task.WhenAll(numbers.Select(async n =>
                (await clients.Applications.GetApplicationAsync(new P.GetApplicationRequest { Number = n, Purpose = "演示 / demo" }, cancellationToken: ct)).Application));
            var line = string.Join("   ", states.Select(a =>
                $"{a.Number[^6..]} {a.Matters.Count(m => m.Status is P.MatterStatus.Completed or P.MatterStatus.Rejected or P.MatterStatus.Cancelled)}/9" +
                (a.Status == P.ApplicationStatus.Closed ? " " + Names.Short(a.Outcome) : "")));
            if (line != last)
            {
                print.Line($"{DateTime.Now:HH:mm:ss}  {line}");
                last = line;
            }

            if (states.All(a => a.Status == P.ApplicationStatus.Closed))
            {
                return true;
            }

            if (DateTime.UtcNow > deadline)
            {
                print.Line("Not all applications closed in time: are the three departments simulated?");
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        }
    }

    private static P.ApplicationDetails Details(string identity, string county) => new()
    {
        IdentityNumber = identity,
        Declaration = new P.ApplicantDeclaration { EmploymentForm = P.EmploymentForm.OtherFlexibleEmployment },
        Channel = P.Channel.Online,
        CountyCode = county,
        Matters = { Enum.GetValues<P.Matter>().Skip(1) },
        Materials =
        {
            new P.ProvidedMaterial { Material = P.Material.ApplicationForm, Source = P.MaterialSource.Upload, Reference = "demo:form" },
            new P.ProvidedMaterial { Material = P.Material.IdentityDocument, Source = P.MaterialSource.DataSharing, Reference = "公安人口库:demo" },
            new P.ProvidedMaterial { Material = P.Material.IdPhoto, Source = P.MaterialSource.Upload, Content = Photo(), MediaType = "image/png" },
        },
        ContributionBase = "5000",
        PaymentCycle = P.PaymentCycle.Monthly,
        Pledge = new P.Pledge { Agreed = true, Version = "2026-01" },
        ApplicantName = "演示申请人",
    };

    /// <summary>A PNG header of a 358×441 picture: enough for the photo check, which reads the format and size from the bytes.</summary>
    private static ByteString Photo()
    {
        var png = new byte[64];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R' }.CopyTo(png, 0);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), 358);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), 441);
        Random.Shared.NextBytes(png.AsSpan(24));
        return ByteString.CopyFrom(png);
    }

    private static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>A valid, random resident identity number of an adult born 1975–2004 in Kunming.</summary>
    private static string SampleIdentity()
    {
        var birth = new DateOnly(1975, 1, 1).AddDays(Random.Shared.Next(30 * 365));
        return IdentityNumber.Compose("530102", birth, Random.Shared.Next(1000));
    }
}
