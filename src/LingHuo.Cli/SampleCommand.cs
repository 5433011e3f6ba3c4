using System.CommandLine;
using System.Globalization;
using LingHuo.Domain;
using LingHuo.Domain.Calendar;
using LingHuo.Domain.Cases;
using LingHuo.Domain.Catalog;
using LingHuo.Domain.Eligibility;
using LingHuo.Domain.Identity;
using LingHuo.Domain.Intake;
using LingHuo.Domain.Premiums;

namespace LingHuo.Cli;

/// <summary>
/// Shows the domain's view of a sample nine-matter application, offline: the pre-check and the SLA deadlines.
/// </summary>
internal static class SampleCommand
{
    public static Command Create()
    {
        var acceptedAt = new Option<DateTimeOffset?>("--accepted-at")
        {
            Description = "Acceptance instant (ISO 8601, e.g. 2026-09-30T10:00+08:00); default: now.",
        };
        var channel = new Option<Channel>("--channel")
        {
            Description = "Online or Window.",
            DefaultValueFactory = _ => Channel.Online,
        };

        var command = new Command("sample", "Pre-check a sample nine-matter application and print its deadlines (offline).");
        command.Options.Add(acceptedAt);
        command.Options.Add(channel);
        command.SetAction(parse => Run(parse.GetValue(acceptedAt) ?? TimeProvider.System.GetLocalNow(), parse.GetValue(channel)));
        return command;
    }

    private static int Run(DateTimeOffset acceptedAt, Channel channel)
    {
        var policy = CasePolicy.Default;
        var calendar = WorkingDayCalendar.Official;
        var request = new ApplicationRequest
        {
            IdentityNumber = IdentityNumber.Compose("530102", new DateOnly(1990, 5, 17), 122),
            Facts = new ApplicantFacts { EmploymentForm = EmploymentForm.SelfEmployedOperator },
            Channel = channel,
            CountyCode = "530102",
            Matters = Matters.All,
            Materials = channel == Channel.Online
                ? [new(Material.ApplicationForm, MaterialSource.Upload), new(Material.IdentityDocument, MaterialSource.DataSharing), new(Material.IdPhoto, MaterialSource.Upload),
                    new(Material.BusinessLicence, MaterialSource.DataSharing)]
                : [new(Material.ApplicationForm, MaterialSource.PaperOriginal), new(Material.IdentityDocument, MaterialSource.PaperOriginal), new(Material.IdPhoto, MaterialSource.Upload),
                    new(Material.InsuranceProof, MaterialSource.PaperOriginal), new(Material.BusinessLicence, MaterialSource.DataSharing)],
            ContributionBase = 5000m,
            PaymentCycle = PaymentCycle.Monthly,
            PledgeVersion = "2026-01",
            ApplicantName = "张三",
        };

        var result = Precheck.Evaluate(request, BeijingTime.DateOf(acceptedAt), policy);
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine($"Applicant     {result.Identity} ({result.Identity?.Kind}, {result.Identity?.Gender})");
        Console.WriteLine($"Channel       {channel}, county {request.CountyCode}");
        Console.WriteLine($"Pre-check     {result.Verdict}");
        foreach (var refusal in result.Refusals)
        {
            Console.WriteLine($"  - {refusal.Code}: {refusal.MessageZh} / {refusal.MessageEn}");
        }

        Console.WriteLine("Materials     " + string.Join(", ", result.Materials!.Provided.Select(p => $"{MaterialRules.Code(p.Material)} by {p.Source}")));
        Console.WriteLine($"Premium       pension {result.Premium?.PensionMonthly.ToString(c)} CNY/month on a base of {request.ContributionBase?.ToString(c)}");

        var sla = SlaClock.Start(acceptedAt, calendar, policy);
        Console.WriteLine($"Accepted at   {acceptedAt.ToOffset(BeijingTime.Offset).ToString("yyyy-MM-dd HH:mm zzz", c)}");
        Console.WriteLine($"Committed     {Describe(sla.Committed, policy.CommittedWorkingDays)}");
        Console.WriteLine($"Statutory     {Describe(sla.Statutory, policy.StatutoryWorkingDays)}");
        Console.WriteLine($"Calendar      years loaded: {string.Join(", ", calendar.LoadedYears)}");
        Console.WriteLine("Matters       " + string.Join(" | ", Matters.All.Select(m =>
        {
            var waits = policy.Prerequisites.Pending(m, result.Materials.ProvidedSet, request.Facts);
            return waits.IsEmpty ? $"{(int)m}:ready" : $"{(int)m}:after {string.Join('+', waits.Select(w => (int)w))}";
        })));
        return result.Verdict == PrecheckVerdict.Pass ? 0 : 1;

        string Describe(Deadline deadline, int days) =>
            $"{days} working days → 24:00 on {deadline.Day.ToString("yyyy-MM-dd", c)} Beijing time" + (deadline.IsProvisional ? " (PROVISIONAL: a year without a loaded holiday schedule was crossed)" : "");
    }
}
