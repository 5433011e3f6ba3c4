using Google.Protobuf;
using Grpc.Core;
using LingHuo.Testing;
using P = LingHuo.Protos.V1;

namespace LingHuo.Gateway.Tests;

/// <summary>
/// Messages to applicants, end to end: written with their event, kept in the in-app inbox, and sent to a real message
/// platform on loopback that fails on purpose (errors, silence, a lost answer, slowness); each arrives exactly once by
/// its idempotency key, and what cannot be sent waits for an operator.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class NotificationTests(GatewayFixture fixture)
{
    private const string Phone = "13912345678";

    // The receiver's plan is the fixture's: each test picks its own messages by the phone number they go to.
    private const string OtherPhone = "13912340001";

    [Fact]
    public async Task ReceiptSupplementAcceptanceClosure_EveryNoticeGenuine_EveryMessageOnce_DespiteInjectedFailures()
    {
        var identity = Identities.Next();
        var details = Requests.AllNine(identity);
        details.CountyCode = GatewayFixture.ReviewCounty;
        details.ContactPhone = Phone;
        details.Materials.RemoveAt(2); // no photo: the clerk asks for it
        var applicant = Callers.Bearer(Callers.Applicant(identity));

        // Every message to this applicant fails its first attempt (an error, silence, or an answer lost after it was
        // processed) and is answered slowly on the second.
        fixture.Messages.Plan = (message, attempt) => message.Phone != Phone ? WebhookAnswer.Ok : attempt switch
        {
            1 => message.Kind switch
            {
                "Received" or "Closed" => WebhookAnswer.ServerError,
                "SupplementRequested" or "RatingInvited" => WebhookAnswer.Hang,
                _ => WebhookAnswer.ProcessThenHang,
            },
            2 => WebhookAnswer.Slow,
            _ => WebhookAnswer.Ok,
        };
        var number = (await fixture.Applications.SubmitApplicationAsync(Requests.Submit(details))).Application.Number;

        await fixture.Applications.RequestSupplementAsync(new P.RequestSupplementRequest
        {
            RequestId = Requests.Id(), Number = number, Items = { new P.SupplementItem { Material = P.Material.IdPhoto, Reason = "未提供本人近期免冠白底证件照" } },
        });
        await fixture.Applications.SupplementMaterialsAsync(new P.SupplementMaterialsRequest
        {
            RequestId = Requests.Id(), Number = number,
            Materials = { new P.ProvidedMaterial { Material = P.Material.IdPhoto, Source = P.MaterialSource.Upload, Content = Requests.Photo() } },
        }, applicant);
        await fixture.Applications.AcceptApplicationAsync(new P.AcceptApplicationRequest { RequestId = Requests.Id(), Number = number });
        Assert.Equal(P.ApplicationOutcome.AllCompleted, (await Requests.CompleteAllAsync(fixture.Departments, number)).Outcome);

        // The inbox has one message per step the applicant must know of, and each text message gets through.
        P.MessageKind[] told = [P.MessageKind.Received, P.MessageKind.SupplementRequested, P.MessageKind.Accepted, P.MessageKind.Closed, P.MessageKind.RatingInvited];
        await Polling.EventuallyAsync(
            () => fixture.CountAsync($"select count(*) from notifications where application_number = '{number}' and webhook_state = 'sent'"),
            n => n == told.Length, what: "every message sent");
        var inbox = (await fixture.Applications.ListMyMessagesAsync(new P.ListMyMessagesRequest { Number = number }, applicant)).Messages;
        Assert.All(inbox, m => Assert.Equal(P.MessageDelivery.Sent, m.Delivery));
        Assert.Equal(told, inbox.Select(m => m.Kind));
        Assert.All(inbox, m => Assert.Contains(number, m.Text, StringComparison.Ordinal));
        Assert.Contains("补正1项材料", inbox[1].Text, StringComparison.Ordinal);

        var keys = inbox.Select(m => $"{number}/{m.Sequence}").ToList();
        Assert.Equal(keys.Order(), fixture.Messages.Processed.Keys.Where(k => k.StartsWith(number + "/", StringComparison.Ordinal)).Order());
        Assert.All(keys, key =>
        {
            Assert.Equal(1, fixture.Messages.ProcessingsOf(key));
            Assert.True(fixture.Messages.AttemptsOf(key) >= 2, $"{key} failed once on purpose");
            Assert.Equal(Phone, fixture.Messages.Processed[key].Phone);
        });
        Assert.Equal(0, fixture.Messages.Forged);

        // Each notice and the certificate read back genuine; a changed byte reads altered.
        var anyone = new P.PublicService.PublicServiceClient(fixture.Channel);
        var documents = await Polling.EventuallyAsync(
            async () => (await fixture.Applications.ListDocumentsAsync(new P.ListDocumentsRequest { Number = number }, applicant)).Documents,
            d => d.Count == 3, what: "the notices and the certificate issued");
        Assert.Equal([P.DocumentKind.SupplementNotice, P.DocumentKind.AcceptanceNotice, P.DocumentKind.ParticipationCertificate], documents.Select(d => d.Kind));
        foreach (var document in documents)
        {
            var pdf = (await fixture.Applications.GetDocumentAsync(new P.GetDocumentRequest { DocumentNumber = document.Number }, applicant)).Pdf;
            Assert.Equal(P.DocumentVerdict.Genuine, (await anyone.VerifyDocumentAsync(new P.VerifyDocumentRequest { Pdf = pdf })).Verdict);
            Assert.Equal(P.DocumentVerdict.Genuine, (await anyone.VerifyDocumentAsync(new P.VerifyDocumentRequest { Number = document.Number, Code = document.Code })).Verdict);
            var tampered = pdf.ToByteArray();
            tampered[tampered.Length / 3] ^= 0x20;
            Assert.Equal(P.DocumentVerdict.Altered, (await anyone.VerifyDocumentAsync(new P.VerifyDocumentRequest { Pdf = ByteString.CopyFrom(tampered) })).Verdict);
        }

        // The applicant follows it without logging in; a wrong name learns nothing.
        var progress = await anyone.LookupProgressAsync(new P.LookupProgressRequest { Number = number, ApplicantName = "张三" });
        Assert.Equal(P.ApplicationStatus.Closed, progress.Status);
        var wrong = await Assert.ThrowsAsync<RpcException>(() => anyone.LookupProgressAsync(new P.LookupProgressRequest { Number = number, ApplicantName = "李四" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, wrong.StatusCode);

        // The phone number went only to the platform: never into a log line or a span.
        var texts = fixture.Logs.Snapshot().SelectMany(l => new[] { l.FormattedMessage, l.Body }.Concat(l.Attributes?.Select(a => $"{a.Value}") ?? []))
            .Concat(fixture.Spans.Snapshot().SelectMany(s => s.TagObjects.Select(t => $"{t.Value}").Append(s.DisplayName)));
        Assert.DoesNotContain(texts, t => t is not null && t.Contains(Phone, StringComparison.Ordinal));
        Assert.Contains(fixture.Logs.Snapshot(), l => (l.FormattedMessage ?? "").Contains("139****5678", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WhatThePlatformKeepsRefusing_IsLeftFailedForAnOperator_WhoSendsItAgain()
    {
        var details = Requests.AllNine();
        details.ContactPhone = OtherPhone;

        // Received meets errors until its attempts are used up; Accepted is refused outright (a 400 is not retried).
        var healed = false;
        fixture.Messages.Plan = (message, _) => message.Phone != OtherPhone ? WebhookAnswer.Ok : message.Kind switch
        {
            "Received" when !healed => WebhookAnswer.ServerError,
            "Accepted" => WebhookAnswer.BadRequest,
            _ => WebhookAnswer.Ok,
        };
        var number = (await fixture.Applications.SubmitApplicationAsync(Requests.Submit(details))).Application.Number;

        var operatorCall = Callers.Bearer(Callers.Operator());
        var failed = await Polling.EventuallyAsync(
            async () => (await fixture.Queries.ListFailedNotificationsAsync(new P.ListFailedNotificationsRequest(), operatorCall)).Items.Where(i => i.Number == number).ToList(),
            f => f.Count == 2, what: "both messages failed");
        var exhausted = failed.Single(f => f.Sequence == 1);
        Assert.Equal((P.MessageKind.Received, 4, "139****0001"), (exhausted.Kind, exhausted.Attempts, exhausted.MaskedPhone));
        Assert.StartsWith("HTTP 500", exhausted.LastError, StringComparison.Ordinal);
        var refused = failed.Single(f => f.Sequence == 2);
        Assert.Equal((P.MessageKind.Accepted, 1), (refused.Kind, refused.Attempts));
        Assert.Equal(4, fixture.Messages.AttemptsOf($"{number}/1"));
        Assert.DoesNotContain(fixture.Messages.Processed.Keys, k => k.StartsWith(number + "/", StringComparison.Ordinal));

        healed = true;
        await fixture.Queries.RetryNotificationAsync(new P.RetryNotificationRequest { Number = number, Sequence = 1 }, operatorCall);
        await Polling.EventuallyAsync(() => Task.FromResult(fixture.Messages.ProcessingsOf($"{number}/1")), n => n == 1, what: "the re-sent message processed");
        await Polling.EventuallyAsync(
            () => fixture.CountAsync($"select count(*) from notifications where application_number = '{number}' and webhook_state = 'sent'"), n => n == 1, what: "recorded as sent");
        var inbox = (await fixture.Applications.ListMyMessagesAsync(new P.ListMyMessagesRequest { Number = number }, Callers.Bearer(Callers.Applicant(details.IdentityNumber)))).Messages;
        Assert.Equal(P.MessageDelivery.Sent, inbox[0].Delivery);
        Assert.Equal(P.MessageDelivery.Failed, inbox[1].Delivery);

        var again = await Assert.ThrowsAsync<RpcException>(() =>
            fixture.Queries.RetryNotificationAsync(new P.RetryNotificationRequest { Number = number, Sequence = 1 }, operatorCall).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
        Assert.Contains("NOTIFICATION_NOT_FAILED", Requests.Reasons(again));
        var none = await Assert.ThrowsAsync<RpcException>(() =>
            fixture.Queries.RetryNotificationAsync(new P.RetryNotificationRequest { Number = number, Sequence = 3 }, operatorCall).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, none.StatusCode);
    }

    [Fact]
    public async Task WithoutAMobileNumber_MessagesReachTheInboxOnly_AndAMalformedNumberIsRefused()
    {
        var details = Requests.AllNine();
        var number = (await fixture.Applications.SubmitApplicationAsync(Requests.Submit(details))).Application.Number;
        var inbox = (await fixture.Applications.ListMyMessagesAsync(new P.ListMyMessagesRequest { Number = number }, Callers.Bearer(Callers.Applicant(details.IdentityNumber)))).Messages;
        Assert.Equal([P.MessageKind.Received, P.MessageKind.Accepted], inbox.Select(m => m.Kind));
        Assert.All(inbox, m => Assert.Equal(P.MessageDelivery.InboxOnly, m.Delivery));
        Assert.Contains("已于", inbox[1].Text, StringComparison.Ordinal);
        Assert.Equal(0, fixture.Messages.AttemptsOf($"{number}/1"));

        var malformed = Requests.AllNine();
        malformed.ContactPhone = "0871-1234567";
        var refused = await Assert.ThrowsAsync<RpcException>(() => fixture.Applications.SubmitApplicationAsync(Requests.Submit(malformed)).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("details.contact_phone", Violations(refused), StringComparison.Ordinal);
    }

    private static string Violations(RpcException e) =>
        string.Join(" ", e.GetRpcStatus()!.Details.Where(d => d.Is(Google.Rpc.BadRequest.Descriptor)).SelectMany(d => d.Unpack<Google.Rpc.BadRequest>().FieldViolations).Select(v => v.Field));
}
