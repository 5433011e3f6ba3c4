using Google.Protobuf;
using Grpc.Core;
using LingHuo.Domain.Calendar;
using LingHuo.Persistence.Documents;
using LingHuo.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using UglyToad.PdfPig;
using P = LingHuo.Protos.V1;

namespace LingHuo.Gateway.Tests;

/// <summary>
/// Documents issued by the workflow, over gRPC against real PostgreSQL: numbered per county and year without gaps, kept
/// as issued, verified by number and code or by the PDF, and a tampered copy read as altered.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class DocumentTests(GatewayFixture fixture)
{
    [Fact]
    public async Task TheSupplementNoticeAndTheAcceptanceNotice_AreIssued_Numbered_AndVerifiable()
    {
        var identity = Identities.Next();
        var details = Requests.AllNine(identity);
        details.CountyCode = GatewayFixture.ReviewCounty;
        var number = (await fixture.Applications.SubmitApplicationAsync(Requests.Submit(details))).Application.Number;
        await fixture.Applications.RequestSupplementAsync(new P.RequestSupplementRequest
        {
            RequestId = Requests.Id(), Number = number, Items = { new P.SupplementItem { Material = P.Material.IdPhoto, Reason = "照片背景不是白色" } },
        });
        await fixture.Applications.SupplementMaterialsAsync(new P.SupplementMaterialsRequest
        {
            RequestId = Requests.Id(), Number = number,
            Materials = { new P.ProvidedMaterial { Material = P.Material.IdPhoto, Source = P.MaterialSource.Upload, Content = Requests.Photo(400, 500) } },
        });
        await fixture.Applications.AcceptApplicationAsync(new P.AcceptApplicationRequest { RequestId = Requests.Id(), Number = number });

        var documents = await Polling.EventuallyAsync(
            async () => (await fixture.Applications.ListDocumentsAsync(new P.ListDocumentsRequest { Number = number })).Documents,
            d => d.Count == 2, what: "the two notices issued");
        Assert.Equal([P.DocumentKind.SupplementNotice, P.DocumentKind.AcceptanceNotice], documents.Select(d => d.Kind));

        // Gap-free: the county's numbers this year are exactly 1..N.
        var year = documents[0].Number.Split('-')[1];
        var taken = await fixture.CountAsync($"select count(*) from documents where county_code = '{GatewayFixture.ReviewCounty}' and number like '%-{year}-%'");
        var highest = await fixture.CountAsync($"select max(split_part(number, '-', 3)::bigint) from documents where county_code = '{GatewayFixture.ReviewCounty}' and number like '%-{year}-%'");
        Assert.Equal(taken, highest);

        var notice = await fixture.Applications.GetDocumentAsync(new P.GetDocumentRequest { DocumentNumber = documents[0].Number });
        var text = Text(notice.Pdf.ToByteArray());
        Assert.Contains(documents[0].Number, text, StringComparison.Ordinal);
        Assert.Contains("照片背景不是白色", text, StringComparison.Ordinal);
        Assert.Contains("张三", text, StringComparison.Ordinal);
        Assert.DoesNotContain(identity, text, StringComparison.Ordinal);
        var own = await fixture.Applications.GetDocumentAsync(new P.GetDocumentRequest { DocumentNumber = documents[1].Number }, Callers.Bearer(Callers.Applicant(identity)));
        Assert.Equal(number, own.Number);
        var elsewhere = await Assert.ThrowsAsync<RpcException>(() =>
            fixture.Applications.GetDocumentAsync(new P.GetDocumentRequest { DocumentNumber = documents[0].Number }, Callers.Bearer(Callers.Clerk("530102"))).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, elsewhere.StatusCode);

        var anyone = new P.PublicService.PublicServiceClient(fixture.Channel);
        var genuine = await anyone.VerifyDocumentAsync(new P.VerifyDocumentRequest { Pdf = notice.Pdf });
        Assert.Equal(P.DocumentVerdict.Genuine, genuine.Verdict);
        Assert.Equal((documents[0].Number, P.DocumentKind.SupplementNotice), (genuine.Number, genuine.Kind));
        Assert.Contains("*", genuine.HolderMasked, StringComparison.Ordinal);
        Assert.Equal(P.DocumentVerdict.Genuine, (await anyone.VerifyDocumentAsync(new P.VerifyDocumentRequest { Number = documents[0].Number, Code = documents[0].Code })).Verdict);

        var tampered = notice.Pdf.ToByteArray();
        tampered[tampered.Length / 2] ^= 0x01;
        Assert.Equal(P.DocumentVerdict.Altered, (await anyone.VerifyDocumentAsync(new P.VerifyDocumentRequest { Pdf = ByteString.CopyFrom(tampered) })).Verdict);
        var wrongCode = await anyone.VerifyDocumentAsync(new P.VerifyDocumentRequest { Number = documents[0].Number, Code = "ABCDEFGHJK" });
        Assert.Equal(P.DocumentVerdict.Altered, wrongCode.Verdict);
        Assert.Empty(wrongCode.HolderMasked);
        Assert.Equal(P.DocumentVerdict.Unknown, (await anyone.VerifyDocumentAsync(new P.VerifyDocumentRequest { Number = $"{GatewayFixture.ReviewCounty}-{year}-999999", Code = "ABCDEFGHJK" })).Verdict);
        Assert.Equal(P.DocumentVerdict.Unknown, (await anyone.VerifyDocumentAsync(new P.VerifyDocumentRequest { Pdf = ByteString.CopyFromUtf8("%PDF-1.7 not really") })).Verdict);
        var malformed = await Assert.ThrowsAsync<RpcException>(() => anyone.VerifyDocumentAsync(new P.VerifyDocumentRequest { Number = "5301-26" }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, malformed.StatusCode);
    }

    [Fact]
    public async Task AClerkOfTheCounty_RevokesADocumentOnce_AndVerificationSaysRevoked()
    {
        var (number, document, pdf) = await SupplementNoticeAsync();
        var anyone = new P.PublicService.PublicServiceClient(fixture.Channel);
        var clerk = Callers.Bearer(Callers.Clerk(GatewayFixture.ReviewCounty));

        var elsewhere = await Assert.ThrowsAsync<RpcException>(() => fixture.Applications.RevokeDocumentAsync(
            new P.RevokeDocumentRequest { DocumentNumber = document.Number, Reason = "误发" }, Callers.Bearer(Callers.Clerk("530102"))).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, elsewhere.StatusCode);
        var noReason = await Assert.ThrowsAsync<RpcException>(() => fixture.Applications.RevokeDocumentAsync(
            new P.RevokeDocumentRequest { DocumentNumber = document.Number, Reason = " " }, clerk).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, noReason.StatusCode);
        Assert.Equal(P.DocumentVerdict.Genuine, (await anyone.VerifyDocumentAsync(new P.VerifyDocumentRequest { Pdf = pdf })).Verdict);

        var revoked = (await fixture.Applications.RevokeDocumentAsync(new P.RevokeDocumentRequest { DocumentNumber = document.Number, Reason = "补正事项填写有误，重新告知" }, clerk)).Document;
        Assert.NotNull(revoked.RevokedAt);

        var byPdf = await anyone.VerifyDocumentAsync(new P.VerifyDocumentRequest { Pdf = pdf });
        Assert.Equal((P.DocumentVerdict.Revoked, document.Number), (byPdf.Verdict, byPdf.Number));
        Assert.Equal(BeijingTime.DateOf(revoked.RevokedAt.ToDateTimeOffset()).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), byPdf.RevokedOn);
        Assert.Equal(P.DocumentVerdict.Revoked, (await anyone.VerifyDocumentAsync(new P.VerifyDocumentRequest { Number = document.Number, Code = document.Code })).Verdict);
        var listed = (await fixture.Applications.ListDocumentsAsync(new P.ListDocumentsRequest { Number = number })).Documents.Single(d => d.Number == document.Number);
        Assert.Equal(revoked.RevokedAt, listed.RevokedAt);

        var twice = await Assert.ThrowsAsync<RpcException>(() => fixture.Applications.RevokeDocumentAsync(
            new P.RevokeDocumentRequest { DocumentNumber = document.Number, Reason = "再次撤销" }, clerk).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, twice.StatusCode);
        Assert.Contains("DOCUMENT_ALREADY_REVOKED", Requests.Reasons(twice));
    }

    [Fact]
    public async Task AfterAKeyRotation_NewDocumentsAreSealedByTheNewKey_OldOnesStillVerify_AndARetiredKeyVouchesForNothing()
    {
        var (_, document, pdf) = await SupplementNoticeAsync();
        var archive = fixture.Services.GetRequiredService<IDocumentArchive>();
        Assert.Equal("d1", (await archive.GetAsync(document.Number, CancellationToken.None))!.KeyId);

        var newKey = new DocumentKey { Id = "d2", Secret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)) };
        var oldKey = new DocumentKey { Id = "d1", Secret = GatewayFixture.DocumentKeySecret };
        var rotated = new DocumentSeal(Options.Create(new DocumentSettings { Keys = [newKey, oldKey] }));
        Assert.Equal("d2", rotated.CurrentKeyId);
        var verifier = new DocumentVerifier(archive, rotated);
        Assert.Equal(DocumentVerdict.Genuine, (await verifier.ByPdfAsync(pdf.ToByteArray(), CancellationToken.None)).Verdict);
        Assert.Equal(DocumentVerdict.Genuine, (await verifier.ByCodeAsync(document.Number, document.Code, CancellationToken.None)).Verdict);

        var retired = new DocumentVerifier(archive, new DocumentSeal(Options.Create(new DocumentSettings { Keys = [newKey] })));
        Assert.Equal(DocumentVerdict.Unknown, (await retired.ByCodeAsync(document.Number, document.Code, CancellationToken.None)).Verdict);
    }

    // An application of the reviewing county with a supplement notice issued for it.
    private async Task<(string Number, P.DocumentSummary Document, ByteString Pdf)> SupplementNoticeAsync()
    {
        var details = Requests.AllNine();
        details.CountyCode = GatewayFixture.ReviewCounty;
        var number = (await fixture.Applications.SubmitApplicationAsync(Requests.Submit(details))).Application.Number;
        await fixture.Applications.RequestSupplementAsync(new P.RequestSupplementRequest
        {
            RequestId = Requests.Id(), Number = number, Items = { new P.SupplementItem { Material = P.Material.IdPhoto, Reason = "照片背景不是白色" } },
        });
        var document = (await Polling.EventuallyAsync(
            async () => (await fixture.Applications.ListDocumentsAsync(new P.ListDocumentsRequest { Number = number })).Documents,
            d => d.Count == 1, what: "the supplement notice issued"))[0];
        var pdf = (await fixture.Applications.GetDocumentAsync(new P.GetDocumentRequest { DocumentNumber = document.Number })).Pdf;
        return (number, document, pdf);
    }

    private static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Concat(string.Concat(document.GetPages().Select(p => p.Text)).Where(c => !char.IsWhiteSpace(c)));
    }
}
