using Google.Protobuf;
using Grpc.Core;
using LingHuo.Testing;
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

    private static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Concat(string.Concat(document.GetPages().Select(p => p.Text)).Where(c => !char.IsWhiteSpace(c)));
    }
}
