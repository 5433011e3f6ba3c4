using System.Diagnostics;
using LingHuo.Domain;
using LingHuo.Domain.Calendar;
using LingHuo.Domain.Cases;
using LingHuo.Domain.Catalog;
using LingHuo.Domain.Documents;
using LingHuo.Domain.Eligibility;
using LingHuo.Domain.Identity;
using LingHuo.Domain.Intake;
using LingHuo.Domain.Premiums;
using UglyToad.PdfPig;

namespace LingHuo.Documents.Tests;

/// <summary>
/// Each kind of document rendered as a PDF in Chinese and read back with PdfPig: its number, its dates (computed on the
/// working-day calendar) and every listed item are there, the font is embedded as a subset, and page one is drawn as a
/// PNG (pdftoppm) beside the test output for a person to look at.
/// </summary>
public sealed class DocumentPdfTests
{
    private static readonly DateTimeOffset Received = new(2026, 9, 28, 9, 30, 0, BeijingTime.Offset);
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.Official;
    private static readonly CasePolicy Policy = CasePolicy.Default;
    private static readonly string Identity = IdentityNumber.Compose("530102", new DateOnly(1990, 5, 17), 122);

    public static TheoryData<DocumentKind> Kinds => [.. Enum.GetValues<DocumentKind>()];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EachKind_ReadsBack_WithItsNumber_Dates_AndEveryItem(DocumentKind kind)
    {
        var document = Issue(kind);

        var pdf = DocumentPdf.Render(document);

        var text = Text(pdf);
        Assert.Contains(document.Title.Replace("（", "", StringComparison.Ordinal).Split('）')[0][..4], text, StringComparison.Ordinal);
        Assert.Contains(document.Number, text, StringComparison.Ordinal);
        Assert.Contains("张三", text, StringComparison.Ordinal);
        Assert.Contains(IdentityMask.Mask(Identity), text, StringComparison.Ordinal);
        Assert.DoesNotContain(Identity, text, StringComparison.Ordinal);
        Assert.Contains("2026年9月30日", text, StringComparison.Ordinal);
        Assert.NotEmpty(document.Items);
        Assert.All(document.Items, item => Assert.Contains(Squeeze(item), text, StringComparison.Ordinal));
        Assert.InRange(pdf.Length, 10_000, 400_000);
        Png(pdf, kind);
    }

    [Fact]
    public void TheSupplementNotice_GivesItsDueDate_OnTheWorkingDayCalendar()
    {
        var text = Text(DocumentPdf.Render(Issue(DocumentKind.SupplementNotice)));

        // Asked on 2026-09-30: five working days after it are 10-08, 10-09, 10-10 (a working Saturday), 10-12, 10-13.
        Assert.Contains("2026年10月13日24时前", text, StringComparison.Ordinal);
        Assert.Contains("照片背景不是白色", text, StringComparison.Ordinal);
        Assert.Contains("有效身份证明", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheAcceptanceNotice_GivesBothDeadlines()
    {
        var text = Text(DocumentPdf.Render(Issue(DocumentKind.AcceptanceNotice)));

        // Accepted 2026-09-30: committed 10-09 (2 working days), statutory 11-02 (19).
        Assert.Contains("2026年10月9日24时前", text, StringComparison.Ordinal);
        Assert.Contains("2026年11月2日24时前", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFirstFaceOfTheCollection_IsAFontFileOfItsOwn()
    {
        var face = CjkFont.FirstFace(File.ReadAllBytes(CjkFont.DefaultPath));

        Assert.Equal(new byte[] { 0, 1, 0, 0 }, face[..4]);
        Assert.True(face.Length > 1_000_000);
    }

    /// <summary>A document of each kind for one application, as the platform would issue it on 2026-09-30.</summary>
    public static PrintedDocument Issue(DocumentKind kind)
    {
        var at = new DateTimeOffset(2026, 9, 30, 10, 0, 0, BeijingTime.Offset);
        var request = new ApplicationRequest
        {
            IdentityNumber = Identity,
            ApplicantName = "张三",
            Facts = new ApplicantFacts { EmploymentForm = EmploymentForm.OtherFlexibleEmployment },
            Channel = Channel.Online,
            CountyCode = "530102",
            Matters = Matters.All,
            Materials = [new(Material.ApplicationForm, MaterialSource.Upload), new(Material.IdentityDocument, MaterialSource.DataSharing), new(Material.IdPhoto, MaterialSource.Upload)],
            ContributionBase = 5000m,
            PaymentCycle = PaymentCycle.Monthly,
            PledgeVersion = "2026-01",
        };
        var precheck = Precheck.Evaluate(request, BeijingTime.DateOf(Received), Policy);
        var application = Application.Submit(ApplicationNumber.Trusted("530102-20260928-000001"), precheck, request, Received, Calendar.DeadlineAfter(Received, Policy.ReviewWorkingDays)).Value!.Application;
        var change = kind switch
        {
            DocumentKind.AcceptanceNotice => application.Accept(at, request.Facts, Calendar, Policy).Value!,
            DocumentKind.RefusalDecision => application.RefuseAcceptance(
                ["申请人已在外省参加企业职工基本养老保险，不属于灵活就业参保对象", "所附身份证明与申请人不符"], "《中华人民共和国行政许可法》第三十二条第一款第（一）项", at).Value!,
            DocumentKind.SupplementNotice => application.RequestSupplement(
                [new(Material.IdPhoto, "照片背景不是白色"), new(Material.IdentityDocument, "证件已过有效期")], at, Calendar, Policy).Value!,
            _ => Certified(application.Accept(at, request.Facts, Calendar, Policy).Value!.Application, at),
        };
        var header = new Notices.Header("530102-2026-000042", "昆明市五华区政务服务中心", BeijingTime.DateOf(at), "张三", IdentityMask.Mask(Identity),
            "https://zwfw.yn.example/verify/530102-2026-000042?c=7KQ2M9XA");
        return Notices.For(change.Events.Last(e => Notices.For(e, change.Application, header) is not null), change.Application, header)!;
    }

    // The participation certificate follows the completion of matter 7, once its prerequisites are done.
    private static Change Certified(Application accepted, DateTimeOffset at)
    {
        var application = accepted;
        Change last = null!;
        foreach (var matter in new[] { Matter.SocialInsuranceRegistration, Matter.MedicalInsurance, Matter.PremiumDeclaration, Matter.ParticipationCertificate })
        {
            var department = Matters.DepartmentOf(matter);
            application = application.Claim(matter, department, "h", at).Value!.Application;
            last = application.Complete(matter, department, new MatterResult("R-" + (int)matter, []), at).Value!;
            application = last.Application;
        }

        return last;
    }

    private static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return Squeeze(string.Concat(document.GetPages().Select(p => p.Text)));
    }

    // Text extraction drops the spaces a line break or the layout put in; compare without them.
    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    private static void Png(byte[] pdf, DocumentKind kind)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "documents");
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, kind + ".pdf");
        File.WriteAllBytes(file, pdf);
        using var process = Process.Start(new ProcessStartInfo("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", file, Path.Combine(directory, kind.ToString())])
        {
            RedirectStandardError = true,
        })!;
        process.WaitForExit(TimeSpan.FromSeconds(30));
        Assert.Equal(0, process.ExitCode);
        Assert.True(new FileInfo(Path.Combine(directory, kind + ".png")).Length > 1_000);
    }
}
