using Google.Protobuf;
using Grpc.Core;
using LingHuo.Domain.Calendar;
using LingHuo.Domain.Identity;
using LingHuo.Testing;
using P = LingHuo.Protos.V1;

namespace LingHuo.Gateway.Tests;

/// <summary>
/// A table of bad submissions: each must be answered with the right status and refusal code, and store nothing.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class BadRequestCorpusTests(GatewayFixture fixture)
{
    public sealed record Case(string Name, Action<P.SubmitApplicationRequest> Spoil, StatusCode Status, string Reason)
    {
        public override string ToString() => Name;
    }

    private static string WithCheck(string first17) => first17 + IdentityNumber.CheckCharacter(first17);

    private static Case Identity(string name, string identity, string reason) =>
        new($"identity: {name}", r => r.Details.IdentityNumber = identity, StatusCode.InvalidArgument, reason);

    private static Case Invalid(string name, Action<P.ApplicationDetails> spoil, string reason) =>
        new(name, r => spoil(r.Details), StatusCode.InvalidArgument, reason);

    // Only the materials every matter needs, so that the matter choice alone is at fault.
    private static Case Matters(string name, string reason, params P.Matter[] matters) => Invalid($"matters: {name}", d =>
    {
        d.Matters.Clear();
        d.Matters.AddRange(matters);
        d.Materials.RemoveAt(2);
    }, reason);

    private static Case Material(string name, string reason, P.Material material, P.MaterialSource source, ByteString? content = null, P.Channel channel = P.Channel.Online) =>
        Invalid($"materials: {name}", d =>
        {
            d.Channel = channel;
            d.Materials.Add(new P.ProvidedMaterial { Material = material, Source = source, Content = content ?? ByteString.Empty, Reference = content is null ? "ref" : "" });
        }, reason);

    private static Case Photo(string name, ByteString content, string reason = "REFUSAL_CODE_PHOTO_INVALID") => Invalid($"photo: {name}", d =>
    {
        d.Materials.RemoveAt(2);
        d.Materials.Add(new P.ProvidedMaterial { Material = P.Material.IdPhoto, Source = P.MaterialSource.Upload, Content = content });
    }, reason);

    private static Case Person(string name, DateOnly birth, bool male, string reason) =>
        Identity(name, Identities.Next(birth, male), reason);

    public static IEnumerable<object[]> Corpus()
    {
        var cases = new List<Case>
        {
            Identity("empty", "", "REFUSAL_CODE_REQUIRED"),
            Identity("blank", "   ", "REFUSAL_CODE_REQUIRED"),
            Identity("17 characters", "53010219900517123", "REFUSAL_CODE_IDENTITY_LENGTH"),
            Identity("19 characters", "5301021990051712345", "REFUSAL_CODE_IDENTITY_LENGTH"),
            Identity("16 characters", "5301021990051712", "REFUSAL_CODE_IDENTITY_LENGTH"),
            Identity("1 character", "5", "REFUSAL_CODE_IDENTITY_LENGTH"),
            Identity("40 characters", new string('1', 40), "REFUSAL_CODE_IDENTITY_LENGTH"),
            Identity("full-width digits", "５３０１０２１９９０５１７１２３４", "REFUSAL_CODE_IDENTITY_LENGTH"),
            Identity("letter at 1", "A30102199005171234", "REFUSAL_CODE_IDENTITY_CHARACTER"),
            Identity("letter at 7", "530102A99005171234", "REFUSAL_CODE_IDENTITY_CHARACTER"),
            Identity("letter at 17", "53010219900517123A", "REFUSAL_CODE_IDENTITY_CHARACTER"),
            Identity("Y as check", "53010219900517123Y", "REFUSAL_CODE_IDENTITY_CHARACTER"),
            Identity("space inside", "530102 99005171234", "REFUSAL_CODE_IDENTITY_CHARACTER"),
            Identity("hyphen inside", "530102-9900517123X", "REFUSAL_CODE_IDENTITY_CHARACTER"),
            Identity("address 000000", WithCheck("00000019900517123"), "REFUSAL_CODE_IDENTITY_ADDRESS_CODE"),
            Identity("address 190000", WithCheck("19000019900517123"), "REFUSAL_CODE_IDENTITY_ADDRESS_CODE"),
            Identity("address 720000", WithCheck("72000019900517123"), "REFUSAL_CODE_IDENTITY_ADDRESS_CODE"),
            Identity("address 840000", WithCheck("84000019900517123"), "REFUSAL_CODE_IDENTITY_ADDRESS_CODE"),
            Identity("address 810001", WithCheck("81000119900517123"), "REFUSAL_CODE_IDENTITY_ADDRESS_CODE"),
            Identity("February 30", WithCheck("53010219900230123"), "REFUSAL_CODE_IDENTITY_BIRTH_DATE"),
            Identity("month 13", WithCheck("53010219901301123"), "REFUSAL_CODE_IDENTITY_BIRTH_DATE"),
            Identity("month 00", WithCheck("53010219900001123"), "REFUSAL_CODE_IDENTITY_BIRTH_DATE"),
            Identity("day 00", WithCheck("53010219900500123"), "REFUSAL_CODE_IDENTITY_BIRTH_DATE"),
            Identity("day 32", WithCheck("53010219900532123"), "REFUSAL_CODE_IDENTITY_BIRTH_DATE"),
            Identity("1900-02-29", WithCheck("53010219000229123"), "REFUSAL_CODE_IDENTITY_BIRTH_DATE"),
            Identity("year 1899", WithCheck("53010218991231123"), "REFUSAL_CODE_IDENTITY_BIRTH_DATE"),
            Identity("born in 2099", WithCheck("53010220990101123"), "REFUSAL_CODE_IDENTITY_BIRTH_DATE_IN_FUTURE"),
            Identity("old foreign card, February 30", "USA119002300012", "REFUSAL_CODE_IDENTITY_BIRTH_DATE"),
            Identity("old foreign card, digit first", "1SA119009050021", "REFUSAL_CODE_IDENTITY_CHARACTER"),
            Identity("old foreign card, letter late", "USA11900905002X", "REFUSAL_CODE_IDENTITY_CHARACTER"),
        };

        // Every wrong check character of one valid number.
        var valid = Identities.Next(new DateOnly(1990, 5, 17));
        cases.AddRange("0123456789X".Where(c => c != valid[17]).Select(c =>
            Identity($"check {c} instead of {valid[17]}", valid[..17] + c, "REFUSAL_CODE_IDENTITY_CHECK_CHARACTER")));

        // The gateway judges ages on the Beijing date (a UTC date is a day behind from 16:00 UTC).
        var today = BeijingTime.DateOf(DateTimeOffset.UtcNow);
        cases.AddRange(
        [
            Person("aged 15", today.AddYears(-15), true, "REFUSAL_CODE_UNDER_MINIMUM_AGE"),
            Person("aged 16 tomorrow", today.AddYears(-16).AddDays(2), true, "REFUSAL_CODE_UNDER_MINIMUM_AGE"),
            Person("aged 10", today.AddYears(-10), false, "REFUSAL_CODE_UNDER_MINIMUM_AGE"),
            Person("newborn", today.AddDays(-3), false, "REFUSAL_CODE_UNDER_MINIMUM_AGE"),
            Person("man aged 64", today.AddYears(-64), true, "REFUSAL_CODE_RETIREMENT_AGE_REACHED"),
            Person("man aged 75", today.AddYears(-75), true, "REFUSAL_CODE_RETIREMENT_AGE_REACHED"),
            Person("woman aged 59", today.AddYears(-59), false, "REFUSAL_CODE_RETIREMENT_AGE_REACHED"),
            Person("woman aged 70", today.AddYears(-70), false, "REFUSAL_CODE_RETIREMENT_AGE_REACHED"),
            Invalid("full-time student", d => d.Declaration.FullTimeStudent = true, "REFUSAL_CODE_FULL_TIME_STUDENT"),
            Invalid("man declaring women-50", d => d.Declaration.DeclaredRetirementGroup = P.RetirementGroup.Women50, "REFUSAL_CODE_RETIREMENT_GROUP_MISMATCH"),
            Invalid("card already issued", d => d.Declaration.HasSocialSecurityCardInYunnan = true, "REFUSAL_CODE_SOCIAL_SECURITY_CARD_ALREADY_ISSUED"),
            Invalid("employer medical insurance", d => d.Declaration.HasEmployerMedicalInsurance = true, "REFUSAL_CODE_EMPLOYER_MEDICAL_INSURED"),
            Invalid("employment certificate held", d => d.Declaration.HasEmploymentCertificate = true, "REFUSAL_CODE_EMPLOYMENT_CERTIFICATE_ALREADY_ISSUED"),
            Invalid("not flexibly employed", d => d.Declaration.EmploymentForm = P.EmploymentForm.Unspecified, "REFUSAL_CODE_NOT_FLEXIBLY_EMPLOYED"),
            Invalid("unknown employment form", d => d.Declaration.EmploymentForm = (P.EmploymentForm)7, "REFUSAL_CODE_NOT_FLEXIBLY_EMPLOYED"),
        ]);

        cases.AddRange(
        [
            Matters("none", "REFUSAL_CODE_REQUIRED"),
            Matters("unspecified", "REFUSAL_CODE_MATTER_UNKNOWN", P.Matter.Unspecified),
            Matters("number 10", "REFUSAL_CODE_MATTER_UNKNOWN", P.Matter.SocialInsuranceRegistration, (P.Matter)10),
            Matters("number 99", "REFUSAL_CODE_MATTER_UNKNOWN", (P.Matter)99),
            Matters("negative", "REFUSAL_CODE_MATTER_UNKNOWN", (P.Matter)(-1)),
            Matters("registration twice", "REFUSAL_CODE_MATTER_DUPLICATE", P.Matter.SocialInsuranceRegistration, P.Matter.SocialInsuranceRegistration),
            Matters("card without registration", "REFUSAL_CODE_MATTER_PREREQUISITE_MISSING", P.Matter.SocialSecurityCard),
            Matters("declaration without medical", "REFUSAL_CODE_MATTER_PREREQUISITE_MISSING", P.Matter.SocialInsuranceRegistration, P.Matter.PremiumDeclaration),
            Matters("record query alone", "REFUSAL_CODE_MATTER_PREREQUISITE_MISSING", P.Matter.RightsRecordQuery),
            Matters("certificate alone", "REFUSAL_CODE_MATTER_PREREQUISITE_MISSING", P.Matter.ParticipationCertificate),
            Matters("employment certificate alone", "REFUSAL_CODE_MATTER_PREREQUISITE_MISSING", P.Matter.EmploymentCertificate),
            Matters("personnel file online alone", "REFUSAL_CODE_MATTER_PREREQUISITE_MISSING", P.Matter.PersonnelFile),
        ]);

        cases.AddRange(
        [
            Invalid("pledge: none", d => d.Pledge = null, "REFUSAL_CODE_REQUIRED"),
            Invalid("name: none", d => d.ApplicantName = "", "REFUSAL_CODE_REQUIRED"),
            Invalid("name: blank", d => d.ApplicantName = "   ", "REFUSAL_CODE_REQUIRED"),
            Invalid("name: 51 characters", d => d.ApplicantName = new string('张', 51), "REFUSAL_CODE_TOO_LONG"),
            Invalid("name: a bidi control", d => d.ApplicantName = "张\u202E三", "REFUSAL_CODE_INVALID_CHARACTER"),
            Invalid("pledge: not agreed", d => d.Pledge.Agreed = false, "REFUSAL_CODE_REQUIRED"),
            Invalid("pledge: agreed to no version", d => d.Pledge.Version = "", "REFUSAL_CODE_REQUIRED"),
            Invalid("pledge: a version of 33 characters", d => d.Pledge.Version = new string('v', 33), "REFUSAL_CODE_TOO_LONG"),
            Invalid("upload: a GIF for the business licence", d =>
            {
                d.Declaration.EmploymentForm = P.EmploymentForm.SelfEmployedOperator;
                d.Materials.Add(new P.ProvidedMaterial { Material = P.Material.BusinessLicence, Source = P.MaterialSource.Upload, Content = Google.Protobuf.ByteString.CopyFromUtf8("GIF89a") });
            }, "REFUSAL_CODE_FILE_INVALID"),
            Invalid("upload: a PDF that is not a PDF", d => (d.Materials[0].Content, d.Materials[0].MediaType) = (Google.Protobuf.ByteString.CopyFromUtf8("hello"), "application/pdf"), "REFUSAL_CODE_FILE_INVALID"),
            Invalid("upload: a PNG declared as JPEG", d => d.Materials[2].MediaType = "image/jpeg", "REFUSAL_CODE_FILE_INVALID"),
            Invalid("upload: a GIF for the form", d => d.Materials[0].Content = Google.Protobuf.ByteString.CopyFromUtf8("GIF89a......"), "REFUSAL_CODE_FILE_INVALID"),
            Invalid("upload: a file on a data-sharing claim", d => d.Materials[1].Content = Google.Protobuf.ByteString.CopyFromUtf8("%PDF-1.7"), "REFUSAL_CODE_FILE_INVALID"),
            Invalid("upload: files together over 20 MB", d =>
            {
                d.Materials[0].Content = Pdf(10 * 1024 * 1024);
                (d.Materials[1].Source, d.Materials[1].Content) = (P.MaterialSource.Upload, Pdf(10 * 1024 * 1024));
            }, "REFUSAL_CODE_FILE_INVALID"),
            Invalid("upload: a form over 10 MB", d => d.Materials[0].Content = Pdf(10 * 1024 * 1024 + 1), "REFUSAL_CODE_FILE_INVALID"),
            Material("unknown material 9", "REFUSAL_CODE_MATERIAL_UNKNOWN", (P.Material)9, P.MaterialSource.Upload),
            Material("unspecified material", "REFUSAL_CODE_MATERIAL_UNKNOWN", P.Material.Unspecified, P.MaterialSource.Upload),
            Material("form given twice", "REFUSAL_CODE_MATERIAL_DUPLICATE", P.Material.ApplicationForm, P.MaterialSource.Upload),
            Material("proof online", "REFUSAL_CODE_MATERIAL_SOURCE_NOT_ALLOWED", P.Material.InsuranceProof, P.MaterialSource.PaperOriginal),
            Invalid("materials: licence without employment registration", d =>
            {
                d.Matters.Remove(P.Matter.EmploymentRegistration);
                d.Matters.Remove(P.Matter.EmploymentCertificate);
                d.Materials.Add(new P.ProvidedMaterial { Material = P.Material.BusinessLicence, Source = P.MaterialSource.DataSharing, Reference = "licence" });
            }, "REFUSAL_CODE_MATERIAL_SOURCE_NOT_ALLOWED"),
            Invalid("materials: paper form online", d => d.Materials[0].Source = P.MaterialSource.PaperOriginal, "REFUSAL_CODE_MATERIAL_SOURCE_NOT_ALLOWED"),
            Invalid("materials: data-shared form", d => d.Materials[0].Source = P.MaterialSource.DataSharing, "REFUSAL_CODE_MATERIAL_SOURCE_NOT_ALLOWED"),
            Invalid("materials: paper identity online", d => d.Materials[1].Source = P.MaterialSource.PaperOriginal, "REFUSAL_CODE_MATERIAL_SOURCE_NOT_ALLOWED"),
            Invalid("materials: unspecified source", d => d.Materials[1].Source = P.MaterialSource.Unspecified, "REFUSAL_CODE_MATERIAL_SOURCE_NOT_ALLOWED"),
            Invalid("materials: source 7", d => d.Materials[1].Source = (P.MaterialSource)7, "REFUSAL_CODE_MATERIAL_SOURCE_NOT_ALLOWED"),
            Invalid("materials: photo on paper", d => d.Materials[2].Source = P.MaterialSource.PaperOriginal, "REFUSAL_CODE_MATERIAL_SOURCE_NOT_ALLOWED"),
            Photo("empty upload", ByteString.Empty),
            Photo("text file", ByteString.CopyFromUtf8("this is not an image at all, just text")),
            Photo("PDF", ByteString.CopyFromUtf8("%PDF-1.7 fake")),
            Photo("GIF", ByteString.CopyFromUtf8("GIF89a\u0001\u0000\u0001\u0000")),
            Photo("truncated PNG", ByteString.CopyFrom(0x89, 0x50, 0x4E, 0x47)),
            Photo("PNG 10×10", Requests.Photo(10, 10)),
            Photo("PNG 100×441", Requests.Photo(100, 441)),
            Photo("PNG 5000×6000", Requests.Photo(5000, 6000)),
            Photo("PNG 358×5000", Requests.Photo(358, 5000)),
            Photo("JPEG header only", ByteString.CopyFrom(0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10)),
            Photo("larger than 2 MB", ByteString.CopyFrom(new byte[(2 * 1024 * 1024) + 1])),
        ]);

        cases.AddRange(
        [
            Invalid("base: 100", d => d.ContributionBase = "100", "REFUSAL_CODE_CONTRIBUTION_BASE_OUT_OF_RANGE"),
            Invalid("base: 4306.19", d => d.ContributionBase = "4306.19", "REFUSAL_CODE_CONTRIBUTION_BASE_OUT_OF_RANGE"),
            Invalid("base: 21531.01", d => d.ContributionBase = "21531.01", "REFUSAL_CODE_CONTRIBUTION_BASE_OUT_OF_RANGE"),
            Invalid("base: 1e9", d => d.ContributionBase = "1000000000", "REFUSAL_CODE_CONTRIBUTION_BASE_OUT_OF_RANGE"),
            Invalid("base: negative", d => d.ContributionBase = "-5000", "REFUSAL_CODE_CONTRIBUTION_BASE_OUT_OF_RANGE"),
            Invalid("base: words", d => d.ContributionBase = "five thousand", "REFUSAL_CODE_CONTRIBUTION_BASE_OUT_OF_RANGE"),
            Invalid("base: comma decimal", d => d.ContributionBase = "5000,00", "REFUSAL_CODE_CONTRIBUTION_BASE_OUT_OF_RANGE"),
            Invalid("base: missing for matter 5", d => d.ContributionBase = "", "REFUSAL_CODE_REQUIRED"),
            Invalid("cycle: missing", d => d.PaymentCycle = P.PaymentCycle.Unspecified, "REFUSAL_CODE_REQUIRED"),
            Invalid("cycle: 2 months", d => d.PaymentCycle = (P.PaymentCycle)2, "REFUSAL_CODE_PAYMENT_CYCLE_UNKNOWN"),
            Invalid("cycle: 24 months", d => d.PaymentCycle = (P.PaymentCycle)24, "REFUSAL_CODE_PAYMENT_CYCLE_UNKNOWN"),
        ]);

        cases.AddRange(new[] { "", "5301", "53010", "5301021", "530100", "110105", "53a102", "５３０１０２" }.Select(county =>
            Invalid($"county: '{county}'", d => d.CountyCode = county, "REFUSAL_CODE_COUNTY_CODE_INVALID")));
        cases.AddRange(
        [
            Invalid("channel: unspecified", d => d.Channel = P.Channel.Unspecified, "REFUSAL_CODE_CHANNEL_UNKNOWN"),
            Invalid("channel: 5", d => d.Channel = (P.Channel)5, "REFUSAL_CODE_CHANNEL_UNKNOWN"),
            Invalid("delivery: mail without recipient", d => d.Delivery = new P.ResultDelivery { Mail = new P.MailCashOnDelivery { Phone = "13800000000", Address = "昆明市" } }, "REFUSAL_CODE_REQUIRED"),
            Invalid("delivery: mail without address", d => d.Delivery = new P.ResultDelivery { Mail = new P.MailCashOnDelivery { Recipient = "张三", Phone = "13800000000" } }, "REFUSAL_CODE_REQUIRED"),
            Invalid("delivery: mail with a bad phone", d => d.Delivery = new P.ResultDelivery { Mail = new P.MailCashOnDelivery { Recipient = "张三", Phone = "call me", Address = "昆明市" } }, "REFUSAL_CODE_INVALID_VALUE"),
            new("request id: missing", r => r.RequestId = "", StatusCode.InvalidArgument, "REFUSAL_CODE_REQUIRED"),
            new("request id: 65 characters", r => r.RequestId = new string('r', 65), StatusCode.InvalidArgument, "REFUSAL_CODE_TOO_LONG"),
            new("request id: control character", r => r.RequestId = "abc\u0001", StatusCode.InvalidArgument, "REFUSAL_CODE_INVALID_CHARACTER"),
            new("details: missing", r => r.Details = null, StatusCode.InvalidArgument, "REFUSAL_CODE_REQUIRED"),
        ]);

        return cases.Select(c => new object[] { c });
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task BadSubmission_IsRefusedWithTheRightCode_AndNothingIsStored(Case bad)
    {
        var request = Requests.Submit();
        bad.Spoil(request);
        var before = await fixture.CountAsync("select count(*) from orleans_grain_state where grain_type in ('applicant', 'application')");

        var e = await Assert.ThrowsAsync<RpcException>(() => fixture.Applications.SubmitApplicationAsync(request).ResponseAsync);

        Assert.Equal(bad.Status, e.StatusCode);
        Assert.Contains(bad.Reason, Requests.Reasons(e));
        Assert.Contains(" / ", e.Status.Detail, StringComparison.Ordinal);
        if (request.Details?.IdentityNumber is { Length: >= 6 } identity)
        {
            Assert.DoesNotContain(identity, e.Status.Detail, StringComparison.Ordinal);
        }

        Assert.Equal(before, await fixture.CountAsync("select count(*) from orleans_grain_state where grain_type in ('applicant', 'application')"));
    }

    [Fact]
    public void Corpus_HasAtLeastAHundredCases() => Assert.True(Corpus().Count() >= 100, $"{Corpus().Count()} cases");

    /// <summary>A file that reads as a PDF, of <paramref name="size"/> bytes.</summary>
    private static Google.Protobuf.ByteString Pdf(int size)
    {
        var bytes = new byte[size];
        "%PDF-1.7\n"u8.CopyTo(bytes);
        return Google.Protobuf.ByteString.CopyFrom(bytes);
    }
}
