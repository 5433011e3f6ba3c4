using System.CommandLine;
using LingHuo.Domain.Identity;
using P = LingHuo.Protos.V1;

namespace LingHuo.Cli;

/// <summary>
/// <c>linghuo demo</c>: submits sample nine-matter applications for made-up people and shows their progress until every
/// one is closed (the departments are expected to be simulated meanwhile, as `./run.sh --demo` does).
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CliApp app)
    {
        var count = new Option<int>("--applications") { Description = "How many applications.", DefaultValueFactory = _ => 3 };
        var county = new Option<string>("--county") { Description = "County division code.", DefaultValueFactory = _ => "530102" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for closure.", DefaultValueFactory = _ => 120 };
        var command = new Command("demo", "Submit sample applications and follow them to closure.") { count, county, timeout };
        app.Action(command, async (parse, clients, print, ct) =>
        {
            var numbers = new List<string>();
            for (var i = 0; i < parse.GetValue(count); i++)
            {
                var details = new P.ApplicationDetails
                {
                    IdentityNumber = SampleIdentity(),
                    Declaration = new P.ApplicantDeclaration { EmploymentForm = P.EmploymentForm.OtherFlexibleEmployment },
                    Channel = P.Channel.Online,
                    CountyCode = parse.GetValue(county),
                    Matters = { Enum.GetValues<P.Matter>().Skip(1) },
                    Materials =
                    {
                        new P.ProvidedMaterial { Material = P.Material.ApplicationForm, Source = P.MaterialSource.Upload, Reference = "demo:form" },
                        new P.ProvidedMaterial { Material = P.Material.IdentityDocument, Source = P.MaterialSource.DataSharing, Reference = "demo:id" },
                        new P.ProvidedMaterial { Material = P.Material.IdPhoto, Source = P.MaterialSource.Upload, Reference = "demo:photo" },
                    },
                    ContributionBase = "5000",
                    PaymentCycle = P.PaymentCycle.Monthly,
                };
                var submitted = await clients.Applications.SubmitApplicationAsync(new P.SubmitApplicationRequest { RequestId = Guid.NewGuid().ToString("N"), Details = details }, cancellationToken: ct);
                numbers.Add(submitted.Application.Number);
                print.Line($"submitted {submitted.Application.Number} for {IdentityMask.Mask(details.IdentityNumber)}");
            }

            var deadline = DateTime.UtcNow.AddSeconds(parse.GetValue(timeout));
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
                    return 0;
                }

                if (DateTime.UtcNow > deadline)
                {
                    print.Line("Not all applications closed in time: are the three departments simulated?");
                    return 3;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
            }
        });
        return command;
    }

    /// <summary>A valid, random resident identity number of an adult born 1975–2004 in Kunming.</summary>
    private static string SampleIdentity()
    {
        var birth = new DateOnly(1975, 1, 1).AddDays(Random.Shared.Next(30 * 365));
        return IdentityNumber.Compose("530102", birth, Random.Shared.Next(1000));
    }
}
