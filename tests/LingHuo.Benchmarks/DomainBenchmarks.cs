using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using LingHuo.Domain;
using LingHuo.Domain.Calendar;
using LingHuo.Domain.Catalog;
using LingHuo.Domain.Eligibility;
using LingHuo.Domain.Identity;
using LingHuo.Domain.Intake;
using LingHuo.Domain.Premiums;

namespace LingHuo.Benchmarks;

/// <summary>
/// The domain's hot paths, each beside a baseline measured in the same run: the pre-check against parsing the identity
/// number alone, the 19-working-day deadline against plain calendar-day arithmetic.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class DomainBenchmarks
{
    private static readonly DateOnly Today = new(2026, 11, 30);
    private static readonly DateTimeOffset AcceptedAt = new(2026, 9, 30, 10, 0, 0, BeijingTime.Offset);
    private readonly WorkingDayCalendar _calendar = WorkingDayCalendar.Official;
    private readonly CasePolicy _policy = CasePolicy.Default;

    private readonly ApplicationRequest _request = new()
    {
        IdentityNumber = IdentityNumber.Compose("530102", new DateOnly(1990, 5, 17), 122),
        Facts = new ApplicantFacts { EmploymentForm = EmploymentForm.SelfEmployedOperator },
        Channel = Channel.Online,
        CountyCode = "530102",
        Matters = Matters.All,
        Materials =
        [
            new(Material.ApplicationForm, MaterialSource.Upload),
            new(Material.IdentityDocument, MaterialSource.DataSharing),
            new(Material.IdPhoto, MaterialSource.Upload),
            new(Material.BusinessLicence, MaterialSource.DataSharing),
        ],
        ContributionBase = 5000m,
        PaymentCycle = PaymentCycle.Monthly,
        PledgeVersion = "2026-01",
        ApplicantName = "张三",
    };

    [GlobalSetup]
    public void Check()
    {
        if (Precheck.Evaluate(_request, Today, _policy).Verdict != PrecheckVerdict.Pass)
        {
            throw new InvalidOperationException("The benchmark request must pass the pre-check.");
        }
    }

    [Benchmark(Baseline = true, Description = "identity parse only"), BenchmarkCategory("precheck")]
    public bool IdentityParse() => IdentityNumber.Parse(_request.IdentityNumber, Today).IsOk;

    [Benchmark(Description = "full nine-matter pre-check"), BenchmarkCategory("precheck")]
    public PrecheckResult FullPrecheck() => Precheck.Evaluate(_request, Today, _policy);

    [Benchmark(Baseline = true, Description = "calendar days +27"), BenchmarkCategory("deadline")]
    public DateOnly CalendarDays() => BeijingTime.DateOf(AcceptedAt).AddDays(27);

    [Benchmark(Description = "19-working-day deadline"), BenchmarkCategory("deadline")]
    public Deadline StatutoryDeadline() => _calendar.DeadlineAfter(AcceptedAt, 19);
}
